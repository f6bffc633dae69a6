using WestmontTextLine.Engine;
using WestmontTextLine.Words;

namespace WestmontTextLine.Tests.Engine;

public class OneEditTests
{
    [Theory]
    [InlineData("SCARED", "SCARED", true)]
    [InlineData("SCARED", "SCARD", true)]    // dropped
    [InlineData("SCARD", "SCARED", true)]
    [InlineData("SCARED", "SCAREDD", true)]  // added at the end
    [InlineData("AFRAID", "AFRIAD", true)]   // neighbours swapped
    [InlineData("AFRAID", "AFRAUD", true)]   // changed to the key next to it
    [InlineData("AFRAID", "SFRAID", true)]
    [InlineData("SCARED", "SCARES", true)]
    [InlineData("SCARED", "SHARED", false)]  // changed to a far key: another word
    [InlineData("AFRAID", "AFRAIT", false)]
    [InlineData("AFRAID", "AFRIAS", false)]  // swapped and changed
    [InlineData("SCARED", "SCAR", false)]
    [InlineData("ABCDEF", "BADCEF", false)]
    [InlineData("ABCDEF", "ABDCFE", false)]
    public void Finds_words_one_slip_apart(string a, string b, bool expected) => Assert.Equal(expected, OneEdit.Within(a, b));
}
