using System.Net;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// An MMS as Twilio sends it: NumMedia above 0, MediaUrl0 and MediaContentType0, the sender's location fields, the
/// Messaging Service, and a Body that is empty when she sent only a picture. The line reads no picture; it says so.
/// </summary>
public class PictureMessageTests(TextLineFactory factory) : IClassFixture<TextLineFactory>
{
    private static List<KeyValuePair<string, string>> Mms(TwilioClient twilio, string body, string sid, int pictures = 1)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("ToCountry", "US"), new("ToState", "IL"), new("SmsMessageSid", sid), new("NumMedia", pictures.ToString()),
            new("ToCity", "WESTMONT"), new("FromZip", "60559"), new("SmsSid", sid), new("FromState", "IL"),
            new("SmsStatus", "received"), new("FromCity", "WESTMONT"), new("Body", body), new("FromCountry", "US"),
            new("To", "+16305559999"), new("MessagingServiceSid", "MG00000000000000000000000000000000"), new("ToZip", "60559"),
            new("NumSegments", "1"), new("ReferralNumMedia", "0"), new("MessageSid", sid),
            new("AccountSid", "AC00000000000000000000000000000000"), new("From", twilio.From), new("ApiVersion", "2010-04-01"),
            new("AddOns", "{\"status\":\"successful\",\"message\":null,\"code\":null,\"results\":{}}"),
        };
        for (var i = 0; i < pictures; i++)
        {
            fields.Add(new($"MediaContentType{i}", "image/jpeg"));
            fields.Add(new($"MediaUrl{i}", $"https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages/{sid}/Media/ME{i:D32}"));
        }
        return fields;
    }

    private static async Task<string?> SendAsync(TwilioClient twilio, List<KeyValuePair<string, string>> fields)
    {
        var response = await twilio.PostAsync(fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return TwilioClient.ReplyOf(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_picture_with_no_words_is_told_the_line_reads_only_text_and_shown_the_menu_again()
    {
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        await twilio.TextAsync("hi");
        await twilio.TextAsync("3");

        var first = await SendAsync(twilio, Mms(twilio, "", twilio.NextSid()));
        var second = await SendAsync(twilio, Mms(twilio, "", twilio.NextSid(), pictures: 3));

        var mediaLine = EngineHarness.Flow.Languages["en"].Messages.MediaNotRead;
        foreach (var reply in new[] { first, second })
        {
            Assert.NotNull(reply);
            Assert.StartsWith(mediaLine, reply);
            Assert.DoesNotContain("did not understand", reply);
            Assert.Contains("Health and testing", reply);
        }
        // The menu is still the one she was at: a digit after the picture applies there.
        Assert.Equal(MenuReplies.After(3, 1), await twilio.TextAsync("1"));
    }

    [Fact]
    public async Task A_picture_with_words_is_answered_for_its_words()
    {
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        await twilio.TextAsync("hi");

        Assert.Equal(EngineHarness.Flow.Languages["en"].Messages.Emergency, await SendAsync(twilio, Mms(twilio, "help me", twilio.NextSid())));
        Assert.Contains("Pick a topic", await SendAsync(twilio, Mms(twilio, "3", twilio.NextSid())));
    }

    [Fact]
    public async Task A_picture_in_spanish_is_answered_in_spanish()
    {
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        await twilio.TextAsync("hola");

        var reply = await SendAsync(twilio, Mms(twilio, "", twilio.NextSid()));

        Assert.StartsWith(EngineHarness.Flow.Languages["es"].Messages.MediaNotRead, reply);
    }
}
