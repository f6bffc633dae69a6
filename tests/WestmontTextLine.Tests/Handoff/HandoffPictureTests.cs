using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>A picture she sends while talking with staff: the line shows no picture, and says so in the conversation.</summary>
public sealed class HandoffPictureTests
{
    private const string Texter = "+16305558131";

    private static List<KeyValuePair<string, string>> Mms(TwilioClient phone, string body)
    {
        var fields = phone.Fields(body, phone.NextSid());
        fields.RemoveAll(field => field.Key == "NumMedia");
        fields.Add(new("NumMedia", "1"));
        fields.Add(new("MediaContentType0", "image/jpeg"));
        fields.Add(new("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages/MM1/Media/ME1"));
        return fields;
    }

    [Fact]
    public async Task A_picture_alone_shows_staff_that_she_sent_one_the_line_does_not_show_instead_of_an_empty_message()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");

        var response = await phone.PostAsync(Mms(phone, ""));
        response.EnsureSuccessStatusCode();

        var messages = await line.Inbox.MessagesAsync((await line.OnlyOpenAsync()).Id);
        Assert.Equal((InboxMessageFrom.Line, HandoffService.PictureNotShown), (messages[^1].From, messages[^1].Body));
        Assert.DoesNotContain(messages, m => m.From == InboxMessageFrom.Texter && m.Body.Length == 0);
    }

    [Fact]
    public async Task A_picture_with_words_shows_her_words_and_that_a_picture_came_with_them()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");

        var response = await phone.PostAsync(Mms(phone, "this is the letter they sent"));
        response.EnsureSuccessStatusCode();

        var messages = await line.Inbox.MessagesAsync((await line.OnlyOpenAsync()).Id);
        Assert.Equal((InboxMessageFrom.Texter, "this is the letter they sent"), (messages[^2].From, messages[^2].Body));
        Assert.Equal((InboxMessageFrom.Line, HandoffService.PictureNotShown), (messages[^1].From, messages[^1].Body));
    }
}
