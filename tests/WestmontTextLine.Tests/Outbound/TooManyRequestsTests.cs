using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// Twilio answers 429 (20429) to an account with too many concurrent requests, never processed and safe to retry after
/// backing off (https://www.twilio.com/docs/api/errors/20429). It documents no Retry-After, and twilio-csharp, -python
/// and -node read none (twilio-node retries a 429 with its own jittered backoff; twilio-csharp and twilio-python do not
/// retry): so the fake sends none by default. A run of them longer than the pipeline's retries neither drops nor
/// doubles a text, and the line waits before it asks again.
/// </summary>
public sealed class TooManyRequestsTests
{
    private const string Body = "Your check-in time is up. Reply OK if you are safe.";

    [Fact]
    public async Task A_send_refused_with_429s_and_no_retry_after_is_held_then_sent_once()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        const string To = "+16305551294";
        fake.TooManyRequests(6); // more than the pipeline's four attempts
        var id = Guid.NewGuid().ToString("N");
        await factory.Services.GetRequiredService<IOutboundTexts>().SendAsAsync(id, To, Body, "checkin_due");

        await SendPassAsync(factory);

        Assert.Equal([429, 429, 429, 429], fake.Requests.Select(r => r.Status));
        Assert.Empty(fake.Messages);
        var pause = factory.Services.GetRequiredService<OutboundPause>();
        Assert.True(pause.Until >= factory.Clock.GetUtcNow() + TimeSpan.FromSeconds(4), $"held until {pause.Until}, now {factory.Clock.GetUtcNow()}");
        await SendPassAsync(factory); // still held: nothing asked
        Assert.Equal(4, fake.RequestCount);

        factory.Clock.Advance(OutboundPause.FirstWait);
        var work = factory.Services.GetRequiredService<IScheduledWork>();
        await Eventually.AfterPassesAsync(() => SendPassAsync(factory),
            () => work.GetAsync(WorkKinds.Send, id).GetAwaiter().GetResult() is null, "the text sent once Twilio takes it");

        var sent = Assert.Single(fake.Messages);
        Assert.Equal(To, sent.To);
        Assert.Single(fake.Requests, r => r.Status == 201);
        Assert.DoesNotContain("given up", factory.Logs.All);
    }

    [Fact]
    public async Task A_deletion_refused_with_429s_and_no_retry_after_is_tried_again_later_and_done()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        var (inbound, reply) = await ProviderTextLine.TextAndDeliverAsync(twilio, fake, "hi");
        factory.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(5));
        fake.TooManyRequests(8); // both deletions' four attempts

        await DeletionPassAsync(factory);
        Assert.Empty(fake.DeletedSids);
        Assert.All(fake.Requests, r => Assert.Equal(429, r.Status));
        await DeletionPassAsync(factory); // waits a minute: nothing asked meanwhile
        Assert.Equal(8, fake.RequestCount);

        await Eventually.AfterPassesAsync(async () =>
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await DeletionPassAsync(factory);
        }, () => fake.DeletedSids.Count == 2, "both deleted once Twilio takes them");
        Assert.Equal(new[] { inbound, reply! }.Order(), fake.DeletedSids.Order());
        Assert.DoesNotContain("given up", factory.Logs.All);
    }

    [Fact]
    public async Task A_run_of_429s_holds_the_deletion_queue_instead_of_asking_for_every_deletion_due()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var deletions = factory.Services.GetRequiredService<ProviderDeletions>();
        var sids = Enumerable.Range(0, 60).Select(n => $"SM{n:D32}").ToList();
        foreach (var sid in sids) await deletions.OutboundAcceptedAsync(sid);
        factory.Clock.Advance(ProviderDeletions.UnconfirmedDelay + TimeSpan.FromSeconds(5));
        fake.TooManyRequests(int.MaxValue);

        await DeletionPassAsync(factory);
        // Only the deletions already in flight when the first 429 came back were asked (each four times by the client).
        var asked = fake.RequestCount;
        Assert.InRange(asked, 4, ProviderDeletionWorker.AtOnce * 4);
        Assert.Contains("Provider deletion is held", factory.Logs.All);
        Assert.Contains("provider deletion held since", await HealthTextAsync(factory));
        await DeletionPassAsync(factory); // held: nothing asked
        Assert.Equal(asked, fake.RequestCount);

        fake.TooManyRequests(0);
        await Eventually.AfterPassesAsync(async () =>
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await DeletionPassAsync(factory);
        }, () => deletions.WaitingAsync().GetAwaiter().GetResult() == 0, "every deletion done once Twilio answers");
        Assert.Contains("Provider deletion goes on", factory.Logs.All);
        Assert.DoesNotContain("provider deletion held", await HealthTextAsync(factory));
        Assert.DoesNotContain("given up", factory.Logs.All);
    }

    private static async Task<string> HealthTextAsync(TextLineFactory factory) =>
        await (await factory.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync();

    /// <summary>A pass, with the clock nudged while it runs: the pipeline's backoff (10-50 ms here) waits on the line's clock.</summary>
    private static Task SendPassAsync(TextLineFactory factory) =>
        NudgedAsync(factory, factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None));

    private static Task DeletionPassAsync(TextLineFactory factory) =>
        NudgedAsync(factory, factory.Services.GetRequiredService<ProviderDeletionWorker>().RunPassAsync(CancellationToken.None));

    private static async Task NudgedAsync(TextLineFactory factory, Task pass)
    {
        var nudged = TimeSpan.Zero;
        while (!pass.IsCompleted && nudged < TimeSpan.FromSeconds(2))
        {
            await Task.WhenAny(pass, Task.Delay(20));
            if (pass.IsCompleted) break;
            factory.Clock.Advance(TimeSpan.FromMilliseconds(60));
            nudged += TimeSpan.FromMilliseconds(60);
        }
        await pass.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
