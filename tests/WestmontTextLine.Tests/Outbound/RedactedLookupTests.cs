using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// Twilio's Message Redaction (https://www.twilio.com/docs/messaging/guides/privacy-message-redaction) blanks a sent
/// text's body in the API, and may mask the last four digits of her number. The outbox's look-up of an uncertain send
/// then finds no text with the same words: it takes a text of the line's to her since then that no other outbox text
/// claimed as this one, so she is not texted twice.
/// </summary>
public sealed class RedactedLookupTests
{
    private const string Body = "Your safety contact agreed.";

    [Theory]
    [InlineData(FakeTwilioRedaction.Bodies)]
    [InlineData(FakeTwilioRedaction.Bodies | FakeTwilioRedaction.Numbers)]
    public async Task A_send_whose_answer_was_lost_is_found_under_redaction_and_not_sent_again(FakeTwilioRedaction redaction)
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        fake.Redaction = redaction;
        await using var factory = new TextLineFactory().WithProvider(fake);
        const string To = "+16305551291";
        fake.TruncateSendAnswers(1);

        var id = await QueueAsync(factory, To);
        await RunSendPassAsync(factory);
        var sent = Assert.Single(fake.Messages);
        fake.SetStatus(sent.Sid, "sent"); // out of Twilio's queue: redacted from here on
        await PassesUntilSentOrGivenUpAsync(factory, id);

        Assert.True(fake.Count("POST") == 1, string.Join('\n', fake.Requests));
        Assert.Single(fake.Messages);
        Assert.Contains(fake.Requests, r => r.Method == "GET");
        // Taken as this text: deleted at the provider later like any other.
        Assert.NotNull(await factory.Services.GetRequiredService<IScheduledWork>().GetAsync(WorkKinds.Delete, sent.Sid));
        Assert.DoesNotContain("given up", factory.Logs.All);
    }

    [Fact]
    public async Task An_earlier_text_of_the_outbox_to_her_is_not_taken_for_the_one_whose_answer_was_lost()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        fake.Redaction = FakeTwilioRedaction.Bodies;
        await using var factory = new TextLineFactory().WithProvider(fake);
        const string To = "+16305551292";
        await QueueAsync(factory, To, "buddy_request");
        await Eventually.AfterPassesAsync(() => RunSendPassAsync(factory), () => fake.Messages.Count == 1, "the first text sent");
        var first = Assert.Single(fake.Messages).Sid;
        fake.SetStatus(first, "delivered");

        fake.TruncateSendAnswers(1);
        var id = await QueueAsync(factory, To);
        await Eventually.AfterPassesAsync(() => RunSendPassAsync(factory), () => fake.Messages.Count == 2, "the second text sent");
        var second = fake.Messages.Single(m => m.Sid != first).Sid;
        fake.SetStatus(second, "sent");
        await PassesUntilSentOrGivenUpAsync(factory, id);

        Assert.Equal(2, fake.Count("POST"));
        var work = factory.Services.GetRequiredService<IScheduledWork>();
        Assert.NotNull(await work.GetAsync(WorkKinds.Delete, second));
        Assert.NotNull(await work.GetAsync(WorkKinds.Delete, first));
    }

    private static async Task<string> QueueAsync(TextLineFactory factory, string to, string label = "checkin")
    {
        var id = Guid.NewGuid().ToString("N");
        await factory.Services.GetRequiredService<IOutboundTexts>().SendAsAsync(id, to, Body, label);
        return id;
    }

    /// <summary>Passes a minute apart until the text has left the outbox, sent or given up.</summary>
    private static Task PassesUntilSentOrGivenUpAsync(TextLineFactory factory, string id)
    {
        var work = factory.Services.GetRequiredService<IScheduledWork>();
        return Eventually.AfterPassesAsync(async () =>
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await RunSendPassAsync(factory);
        }, () => work.GetAsync(WorkKinds.Send, id).GetAwaiter().GetResult() is null, "the text sent or given up");
    }

    private static Task RunSendPassAsync(TextLineFactory factory) =>
        factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None);
}
