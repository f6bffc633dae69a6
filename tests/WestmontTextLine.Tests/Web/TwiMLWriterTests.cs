using System.Xml.Linq;
using Twilio.TwiML;
using WestmontTextLine.Sms;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// The line writes its TwiML by hand; for every text Twilio's own MessagingResponse can write, it must write the very
/// same document, and for a text MessagingResponse refuses (a character XML cannot carry) still a document Twilio reads.
/// </summary>
public sealed class TwiMLWriterTests
{
    private const string Callback = "https://line.example.org/sms/status?answer=main&x=%2B1%20a";

    [Theory]
    [InlineData("Main menu. Pick a topic:\n1 Law\n2 Staying safe")]
    [InlineData("Tom & Jerry <b>bold</b> \"quoted\" 'single' > end")]
    [InlineData("caf\u00e9 \u00f1 \u20ac \U0001F600 GSM-7 only @$")]
    [InlineData("two\r\nlines\rand\n\nmore\ttabbed  spaced ")]
    [InlineData("")]
    [InlineData("]]> <![CDATA[ &amp; &#x41;")]
    public void Writes_what_Twilios_MessagingResponse_writes(string message)
    {
        Assert.Equal(Twilios(message, null), TwiMLWriter.Write(message));
        Assert.Equal(Twilios(message, new Uri(Callback)), TwiMLWriter.Write(message, Callback));
    }

    [Fact]
    public void Writes_random_texts_as_Twilios_MessagingResponse_does()
    {
        string[] pieces = ["&", "<", ">", "\"", "'", "\n", "\r", "\r\n", "\t", " ", "a", "Z", "9", "\u00e9", "\u2713", "\U0001F600", "&amp;", "]]>", "911"];
        var random = new Random(2026);
        for (var i = 0; i < 3_000; i++)
        {
            var message = string.Concat(Enumerable.Range(0, random.Next(0, 20)).Select(_ => pieces[random.Next(pieces.Length)]));
            Assert.Equal(Twilios(message, new Uri(Callback)), TwiMLWriter.Write(message, Callback));
        }
    }

    [Fact]
    public void An_empty_reply_is_an_empty_Response_as_Twilio_writes_it() =>
        Assert.Equal(new MessagingResponse().ToString(), TwiMLWriter.Write(null));

    [Theory]
    [InlineData("before\u0001after")]
    [InlineData("bell\u0007 nul\0 escape\u001b")]
    [InlineData("lone \uD800 surrogate \uDC00 and \uFFFE")]
    public void A_character_XML_cannot_carry_is_left_out_where_Twilios_builder_throws(string message)
    {
        Assert.ThrowsAny<ArgumentException>(() => Twilios(message, null));

        var written = XDocument.Parse(TwiMLWriter.Write(message, Callback));

        var sent = written.Root!.Element("Message")!;
        Assert.Equal(new string(message.Where(c => c is '\t' or '\n' or (>= ' ' and < '\uD800') or (>= '\uE000' and < '\uFFFE')).ToArray()), sent.Value);
        Assert.Equal(Callback, sent.Attribute("action")!.Value);
    }

    private static string Twilios(string message, Uri? callback)
    {
        var response = new MessagingResponse();
        if (callback is null) response.Message(message);
        else response.Message(message, action: callback, method: global::Twilio.Http.HttpMethod.Post);
        return response.ToString();
    }
}
