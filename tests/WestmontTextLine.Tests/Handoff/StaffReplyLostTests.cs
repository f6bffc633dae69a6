using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Records;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// A staff reply is written "waiting to go out" on its conversation, then queued in the outbox. When the store went
/// down between the two (Redis stopped, or the process was killed), the reply was never queued, and marking it failed
/// failed too: it showed "waiting to go out" for ever, staff could not retry it (only a failed reply can be), and she
/// never got it. A reply that has not reached the outbox a minute later now shows as not delivered, to retry.
/// </summary>
public sealed class StaffReplyLostTests
{
    private const string Texter = "+16305558233";

    [Fact]
    public async Task A_reply_lost_with_the_store_before_it_reached_the_outbox_shows_as_not_delivered_and_a_retry_sends_it_once()
    {
        var (line, records, outbound) = await StartAsync();
        await using var _ = line;
        var id = await OpenClaimedAsync(line);

        outbound.StoreGoesDownAtNextSend(records);
        await Assert.ThrowsAnyAsync<Exception>(() => line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Are you safe to talk?"));
        records.Down = false;
        Assert.Equal(InboxDelivery.Queued, (await line.Inbox.MessagesAsync(id))[^1].Delivery);

        await line.AdvanceAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(InboxDelivery.Queued, (await line.Inbox.MessagesAsync(id))[^1].Delivery);

        await line.AdvanceAsync(StaffReplyChecks.CheckAfter);
        var lost = (await line.Inbox.MessagesAsync(id))[^1];
        Assert.Equal((InboxDelivery.Failed, (string?)null), (lost.Delivery, lost.ErrorCode));
        Assert.Empty(line.SentTo(Texter));

        Assert.Equal(InboxOutcome.Done, await line.Inbox.RetryAsync(id, lost.Number, HandoffLine.Staff));
        await line.PassesAsync();
        await line.AdvanceAsync(StaffReplyChecks.CheckAfter * 3);
        Assert.Equal(["Are you safe to talk?"], line.SentTo(Texter));
        Assert.Equal(InboxDelivery.Sent, (await line.Inbox.MessagesAsync(id))[^1].Delivery);
    }

    [Fact]
    public async Task A_reply_waiting_in_the_outbox_for_the_provider_keeps_waiting_and_goes_out_once()
    {
        var (line, _, _) = await StartAsync();
        await using var __ = line;
        var id = await OpenClaimedAsync(line);
        line.Fake.ServerErrors(1_000);

        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Are you safe to talk?"));
        for (var minute = 0; minute < 5; minute++) await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(InboxDelivery.Queued, (await line.Inbox.MessagesAsync(id))[^1].Delivery);

        line.Fake.ServerErrors(0);
        for (var minute = 0; minute < 60 && line.SentTo(Texter).Count == 0; minute++) await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(InboxDelivery.Sent, (await line.Inbox.MessagesAsync(id))[^1].Delivery);
        Assert.Single(line.SentTo(Texter));
    }

    private static async Task<(HandoffLine Line, DownableRecords Records, LosingOutbound Outbound)> StartAsync()
    {
        DownableRecords? records = null;
        LosingOutbound? outbound = null;
        var factory = new TextLineFactory
        {
            // Polly waits out its backoff on the line's clock, the test's fake one: a look-up retried after a server
            // error would wait for a clock move that never comes, until the client's own timeout (35 s, real time).
            // With no backoff the look-up is retried at once and fails as it would in production, seconds later.
            Settings = { ["Twilio:Resilience:BaseDelay"] = "00:00:00", ["Twilio:Resilience:MaxDelay"] = "00:00:00" },
            TestServices = services =>
            {
                services.AddSingleton<IPrivateRecords>(provider => records = new DownableRecords(new SqlitePrivateRecords(provider.GetRequiredService<SqliteWriter>())));
                services.AddSingleton<IOutboundTexts>(provider => outbound = new LosingOutbound(ActivatorUtilities.CreateInstance<OutboundTexts>(provider)));
            },
        };
        var line = await HandoffLine.StartAsync(factory);
        _ = line.Factory.Services.GetRequiredService<IPrivateRecords>();
        _ = line.Factory.Services.GetRequiredService<IOutboundTexts>();
        return (line, records!, outbound!);
    }

    private static async Task<string> OpenClaimedAsync(HandoffLine line)
    {
        await line.Phone(Texter).TextAsync("TALK");
        var id = (await line.OnlyOpenAsync()).Id;
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ClaimAsync(id, HandoffLine.Staff));
        return id;
    }

    /// <summary>The real store, which can be taken down: every write then fails, as on a Redis that stopped.</summary>
    private sealed class DownableRecords(IPrivateRecords inner) : ForwardingPrivateRecords(inner)
    {
        public volatile bool Down;

        public override Task<bool> TryPutAsync(string kind, string key, byte[] payload, long expectedVersion, DateTimeOffset? expiresAt, DateTimeOffset now,
            CancellationToken cancellationToken = default) =>
            Down ? throw new IOException("The store is down.") : base.TryPutAsync(kind, key, payload, expectedVersion, expiresAt, now, cancellationToken);

        public override Task<bool> DeleteAsync(string kind, string key, CancellationToken cancellationToken = default) =>
            Down ? throw new IOException("The store is down.") : base.DeleteAsync(kind, key, cancellationToken);
    }

    /// <summary>The real outbox, whose next staff reply finds the store gone down: nothing is queued, and nothing more can be written.</summary>
    private sealed class LosingOutbound(IOutboundTexts inner) : ForwardingOutboundTexts(inner)
    {
        private DownableRecords? _takeDown;

        public void StoreGoesDownAtNextSend(DownableRecords records) => _takeDown = records;

        public override Task SendAsOrNothingAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _takeDown, null) is { } records)
            {
                records.Down = true;
                throw new IOException("The store is down.");
            }
            return base.SendAsOrNothingAsync(id, to, body, label, cancellationToken);
        }
    }
}
