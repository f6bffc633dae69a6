using WestmontTextLine.Engine;
using WestmontTextLine.Words;

namespace WestmontTextLine.Tests.Engine;

public class InputTextTests
{
    [Theory]
    [InlineData("I'm scared", "IM SCARED")]
    [InlineData("I’m scared", "IM SCARED")]
    [InlineData("im scared", "IM SCARED")]
    [InlineData("he won't", "HE WONT")]
    [InlineData("he won`t", "HE WONT")]
    [InlineData("don't, can't", "DONT CANT")]
    [InlineData("'help'", "HELP")]
    [InlineData("People's Resource Center", "PEOPLES RESOURCE CENTER")]
    public void An_apostrophe_joins_a_word_instead_of_splitting_it(string raw, string expected) =>
        Assert.Equal(expected, InputText.Normalize(raw));

    [Theory]
    [InlineData("¡Español!", "ESPANOL")]
    [InlineData("  menú  ", "MENU")]
    [InlineData("sti/hiv test", "STI HIV TEST")]
    [InlineData("3", "3")]
    [InlineData("９１１", "911")]
    [InlineData("Ｈｅｌｐ　ｍｅ", "HELP ME")]
    public void Accents_case_and_other_punctuation_fold_as_before(string raw, string expected) =>
        Assert.Equal(expected, InputText.Normalize(raw));
}
