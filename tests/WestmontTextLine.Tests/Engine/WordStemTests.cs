using WestmontTextLine.Engine;
using WestmontTextLine.Words;

namespace WestmontTextLine.Tests.Engine;

public class WordStemTests
{
    [Theory]
    [InlineData("HURT", "HURTS", "HURTING")]
    [InlineData("HIT", "HITS", "HITTING")]
    [InlineData("CHOKE", "CHOKED", "CHOKING")]
    [InlineData("BEAT", "BEATEN", "BEATING")]
    [InlineData("THREATEN", "THREATENED", "THREATS")]
    [InlineData("LOCK", "LOCKED", "LOCKING")]
    [InlineData("PEGA", "PEGO", "PEGANDO")]
    [InlineData("GOLPEA", "GOLPEARON", "GOLPEANDO")]
    [InlineData("ASUSTADA", "ASUSTADO", "ASUSTADAS")]
    [InlineData("RESPIRA", "RESPIRAR", "RESPIRANDO")]
    [InlineData("TELEFONO", "TELEFONOS", "TELEFONO")]
    // Texters drop the g of -ing ("hurtin", "beatin'", "overdosin").
    [InlineData("HURT", "HURTIN", "HURTING")]
    [InlineData("BEAT", "BEATIN", "BEATING")]
    [InlineData("OVERDOSE", "OVERDOSIN", "OVERDOSING")]
    [InlineData("FOLLOW", "FOLLOWIN", "FOLLOWING")]
    [InlineData("HIT", "HITTIN", "HITTING")]
    public void The_forms_of_a_word_share_a_stem(string word, string other, string third)
    {
        var stem = WordStem.Of(word).ToString();

        Assert.Equal(stem, WordStem.Of(other).ToString());
        Assert.Equal(stem, WordStem.Of(third).ToString());
    }

    [Theory]
    [InlineData("ME")]
    [InlineData("MY")]
    [InlineData("HIS")]
    [InlineData("HAS")]
    [InlineData("911")]
    public void Short_words_keep_every_letter(string word) => Assert.Equal(word, WordStem.Of(word).ToString());

    [Theory]
    [InlineData("HELP", "HURT")]
    [InlineData("SCARED", "SACRED")]
    [InlineData("AYUDA", "AYUDENME")]
    public void Different_words_keep_different_stems(string word, string other) =>
        Assert.NotEqual(WordStem.Of(word).ToString(), WordStem.Of(other).ToString());
}
