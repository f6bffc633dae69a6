using WestmontTextLine.Reading;

namespace WestmontTextLine.Tests.Reading;

public class SyllableTests
{
    [Theory]
    [InlineData("the", 1)]
    [InlineData("help", 1)]
    [InlineData("free", 1)]
    [InlineData("make", 1)]      // silent e
    [InlineData("where", 1)]
    [InlineData("makes", 1)]     // silent -es
    [InlineData("called", 1)]    // silent -ed
    [InlineData("helped", 1)]
    [InlineData("hotline", 2)]
    [InlineData("people", 2)]    // sounded -le
    [InlineData("table", 2)]
    [InlineData("places", 2)]    // sounded -es
    [InlineData("wanted", 2)]    // sounded -ed
    [InlineData("needed", 2)]
    [InlineData("being", 2)]
    [InlineData("many", 2)]
    [InlineData("police", 2)]
    [InlineData("testing", 2)]
    [InlineData("services", 3)]
    [InlineData("trafficking", 3)]
    [InlineData("counseling", 3)]
    [InlineData("media", 3)]
    [InlineData("Medicaid", 3)]
    [InlineData("confidential", 4)]
    [InlineData("emergency", 4)]
    [InlineData("available", 4)]
    [InlineData("anonymous", 4)]
    [InlineData("alcoholics", 4)]
    [InlineData("organization", 5)]
    [InlineData("decriminalized", 5)]
    public void English_words(string word, int syllables) => Assert.Equal(syllables, EnglishSyllables.Count(word));

    [Theory]
    [InlineData("y", 1)]
    [InlineData("que", 1)]       // the u of "qu" is silent
    [InlineData("hoy", 1)]       // a final y joins the vowel before it
    [InlineData("muy", 1)]
    [InlineData("casa", 2)]
    [InlineData("leer", 2)]      // two strong vowels: two syllables
    [InlineData("país", 2)]      // an accented í stands alone
    [InlineData("ciudad", 2)]    // two weak vowels: one
    [InlineData("buenos", 2)]    // a diphthong: one
    [InlineData("guerra", 2)]
    [InlineData("quiero", 2)]
    [InlineData("ayuda", 3)]     // a y between vowels is a consonant
    [InlineData("pingüino", 3)]
    [InlineData("teléfono", 4)]
    [InlineData("información", 4)]
    [InlineData("aeropuerto", 5)]
    [InlineData("confidencial", 4)]
    public void Spanish_words(string word, int syllables) => Assert.Equal(syllables, SpanishSyllables.Count(word));
}
