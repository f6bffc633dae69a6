using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>
/// A line whose staff can answer texters: its provider is a <see cref="FakeTwilioApi"/> (so replies go out), it is
/// staffed at any hour (Handoff:Hours covers the whole week, whatever the fake clock says), and the test sends the
/// outbox when it chooses. Texters text it signed, staff use its console, as on the real line.
/// </summary>
public static class InboxLine
{
    public const string AllWeek = "Daily 00:00-24:00";

    /// <summary>The settings that make <paramref name="factory"/> a line staff can answer from, on <paramref name="fake"/>.</summary>
    public static T Staffed<T>(this T factory, FakeTwilioApi fake) where T : TextLineFactory
    {
        factory.WithProvider(fake);
        factory.Settings["Handoff:Hours"] = AllWeek;
        factory.BackgroundWorkers = false;
        // A TALK opens a conversation in several writes: on a loaded machine it ran past the line's 3 s and got the fallback.
        factory.StorageBudget ??= TimeSpan.FromSeconds(60);
        return factory;
    }

    /// <summary>Presses the shift button, as a staff member would, coming back to the inbox.</summary>
    public static async Task GoOnShiftAsync(this ConsoleClient staff, bool on = true)
    {
        using var pressed = await staff.PostFormAsync("/Shift", [new("On", on ? "true" : "false"), new("ReturnUrl", ConsoleClient.Url("/Inbox"))]);
        Assert.Equal(HttpStatusCode.Redirect, pressed.StatusCode);
        Assert.Equal(ConsoleClient.Url("/Inbox"), ConsoleClient.Where(pressed));
    }

    /// <summary>"Texter 3F2A": how the console names this number.</summary>
    public static string PseudonymOf(this TextLineFactory factory, string number) =>
        Pseudonym.Of(factory.Services.GetRequiredService<SenderKeys>().KeyOf(number));

    /// <summary>A texter asks for a person: her reply, and the id of the conversation that opened.</summary>
    public static async Task<(string? Reply, string ConversationId)> TalkAsync(this TextLineFactory factory, TwilioClient texter, string word = "TALK")
    {
        var reply = await texter.TextAsync(word);
        var pseudonym = factory.PseudonymOf(texter.From);
        var open = await factory.Services.GetRequiredService<IHandoffInbox>().ListOpenAsync();
        var conversation = Assert.Single(open, c => c.Pseudonym == pseudonym);
        return (reply, conversation.Id);
    }

    public static Task<InboxConversation?> ConversationAsync(this TextLineFactory factory, string id) =>
        factory.Services.GetRequiredService<IHandoffInbox>().FindAsync(id);

    public static Task<IReadOnlyList<InboxMessage>> MessagesAsync(this TextLineFactory factory, string id) =>
        factory.Services.GetRequiredService<IHandoffInbox>().MessagesAsync(id);

    /// <summary>One pass of the outbox, as its worker runs every second.</summary>
    public static Task SendOutboxAsync(this TextLineFactory factory) =>
        factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None);

    /// <summary>The texts the fake provider was asked to send to this number, in order.</summary>
    public static IReadOnlyList<FakeTwilioRequest> SentTo(this FakeTwilioApi fake, string number) =>
        [.. fake.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/Messages.json", StringComparison.Ordinal)
            && r.Form.TryGetValue("To", out var to) && to == number)];
}
