using WestmontTextLine.Flows;

namespace WestmontTextLine.Tests.Flows;

public class SmsTextTests
{
    [Theory]
    [InlineData("Plain text, 911.", true)]
    [InlineData("Español: señales, ¿dónde?", false)] // ó is not GSM-7
    [InlineData("Espanol: señales, ¿donde? ¡Ya!", true)]
    [InlineData("Don\u2019t", false)]
    [InlineData("a \u2013 b", false)]
    [InlineData("wait\u2026", false)]
    [InlineData("hi \U0001F600", false)]
    [InlineData("braces {} and [brackets] and €", true)]
    public void Gsm7_alphabet(string text, bool expected) => Assert.Equal(expected, SmsText.IsGsm7(text));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Gsm7_segments(int length, int segments) => Assert.Equal(segments, SmsText.Segments(new string('a', length)));

    [Fact]
    public void Extension_characters_count_twice()
    {
        Assert.Equal(2, SmsText.Septets("{"));
        Assert.Equal(1, SmsText.Segments(new string('[', 80)));
        Assert.Equal(2, SmsText.Segments(new string('[', 81)));
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void One_curly_quote_makes_the_whole_text_ucs2(int length, int segments)
    {
        var text = "\u2019" + new string('a', length - 1);
        Assert.Equal(SmsEncoding.Ucs2, SmsText.EncodingOf(text));
        Assert.Equal(segments, SmsText.Segments(text));
    }
}
