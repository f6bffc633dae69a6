using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// Twilio refuses to delete a message still in flight (20009: queued, sending, or sent and waiting for the carrier's
/// receipt). The line tries it again later, as long as it stays in flight, without giving it up, counting it failed
/// or logging a number or a body, and deletes it once its final status comes.
/// </summary>
public sealed class InFlightDeletionTests
{
    private const string Body = "Checking in: reply OK if you are safe.";

    [Theory]
    [InlineData("delivered")]
    [InlineData("failed")]
    public async Task A_reply_left_at_sent_is_tried_again_while_in_flight_and_deleted_once_final(string final)
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        var (inbound, reply) = await ProviderTextLine.TextAndDeliverAsync(twilio, fake, "hi", status: "sent");

        // A day on, the reply is still at "sent" at Twilio (the carrier never confirmed): each try is refused.
        factory.Clock.Advance(ProviderDeletions.UnconfirmedDelay + TimeSpan.FromSeconds(5));
        await Eventually.AfterPassesAsync(async () =>
        {
            await RunPassAsync(factory);
            factory.Clock.Advance(TimeSpan.FromMinutes(10));
        }, () => RefusedDeletesOf(fake, reply!) >= 3, "the reply's deletion refused three times while it is in flight");

        Assert.Contains(inbound, fake.DeletedSids);
        Assert.NotNull(fake.Message(reply!));
        var deletions = factory.Services.GetRequiredService<ProviderDeletions>();
        Assert.Equal(1, await deletions.WaitingAsync());
        Assert.DoesNotContain("given up", factory.Logs.All);

        // The carrier's receipt comes: Twilio reports the final status, and the deletion goes through.
        fake.SetStatus(reply!, final, final == "failed" ? 30003 : null);
        await ProviderTextLine.ReportAsync(twilio, CallbackUrl, reply!, final, final == "failed" ? 30003 : null);
        // (A DELETE in flight as the test moves the clock may time out after Twilio deleted it: tried again, it is
        // already gone, and done. The passes go on until nothing waits.)
        await Eventually.AfterPassesAsync(async () =>
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await RunPassAsync(factory);
        }, () => fake.DeletedSids.Contains(reply!) && deletions.WaitingAsync().GetAwaiter().GetResult() == 0, "the reply deleted once final");
        Assert.DoesNotContain("given up", factory.Logs.All);
        Assert.DoesNotContain(twilio.From, factory.Logs.All);
        Assert.DoesNotContain(twilio.From.TrimStart('+'), factory.Logs.All);
    }

    [Fact]
    public async Task An_outbound_text_still_queued_at_twilio_is_deleted_once_delivered_and_its_words_never_logged()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        const string To = "+16305551277";
        await factory.Services.GetRequiredService<IOutboundTexts>().SendAsync(To, Body, "checkin");
        await Eventually.AfterPassesAsync(() => factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None),
            () => fake.Messages.Count == 1, "the text sent");
        var sid = Assert.Single(fake.Messages).Sid;
        Assert.Equal("queued", fake.Message(sid)!.Status);
        var deletions = factory.Services.GetRequiredService<ProviderDeletions>();

        // No status callback came (or it was lost): a day later Twilio still holds it in its queue.
        factory.Clock.Advance(ProviderDeletions.UnconfirmedDelay + TimeSpan.FromSeconds(5));
        await Eventually.AfterPassesAsync(async () =>
        {
            await RunPassAsync(factory);
            factory.Clock.Advance(TimeSpan.FromMinutes(10));
        }, () => RefusedDeletesOf(fake, sid) >= 2, "its deletion refused while it is queued");
        Assert.Equal(1, await deletions.WaitingAsync());
        fake.SetStatus(sid, "sending");
        factory.Clock.Advance(TimeSpan.FromHours(6));
        await Eventually.AfterPassesAsync(() => RunPassAsync(factory), () => RefusedDeletesOf(fake, sid) >= 3, "refused while sending");

        fake.SetStatus(sid, "delivered");
        await Eventually.AfterPassesAsync(async () =>
        {
            factory.Clock.Advance(TimeSpan.FromHours(6));
            await RunPassAsync(factory);
        }, () => fake.DeletedSids.Contains(sid) && deletions.WaitingAsync().GetAwaiter().GetResult() == 0, "deleted once delivered");

        Assert.DoesNotContain("given up", factory.Logs.All);
        Assert.DoesNotContain(To.TrimStart('+'), factory.Logs.All);
        Assert.DoesNotContain(Body, factory.Logs.All);
    }

    private static int RefusedDeletesOf(FakeTwilioApi fake, string sid) =>
        fake.Requests.Count(r => r.Method == "DELETE" && r.MessageSid == sid && r.ErrorCode == 20009);

    /// <summary>A status callback URL as the line names it in a reply's action (the welcome's label).</summary>
    private const string CallbackUrl = TextLineFactory.BaseAddress + "/sms/status?n=main";

    private static Task RunPassAsync(TextLineFactory factory) =>
        factory.Services.GetRequiredService<ProviderDeletionWorker>().RunPassAsync(CancellationToken.None);
}
