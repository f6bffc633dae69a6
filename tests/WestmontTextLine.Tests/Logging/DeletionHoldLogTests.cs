using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// A Twilio that does not answer holds the deletion queue as a 429 does. Its line named Twilio's error code, which a
/// request with no answer has none of: "Provider deletion is held: Twilio asked the line to slow down or did not answer
/// (Twilio error (null))". It now names what happened as the outbox's hold does (its kind, code, HTTP status and fault).
/// </summary>
public sealed class DeletionHoldLogTests
{
    [Fact]
    public async Task A_deletion_hold_for_no_answer_says_there_was_no_answer()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory { BackgroundWorkers = false }.WithProvider(fake);
        factory.Settings["Twilio:Resilience:MaxRetryAttempts"] = "0";
        factory.Settings["Twilio:Resilience:AttemptTimeout"] = "00:00:00.100";
        factory.Settings["Twilio:Resilience:TotalTimeout"] = "00:00:00.200";
        var deletions = factory.Services.GetRequiredService<ProviderDeletions>();
        await deletions.OutboundAcceptedAsync($"SM{1:D32}");
        factory.Clock.Advance(ProviderDeletions.UnconfirmedDelay + TimeSpan.FromSeconds(5));
        fake.HangNext();
        try
        {
            await NudgedAsync(factory, factory.Services.GetRequiredService<ProviderDeletionWorker>().RunPassAsync(CancellationToken.None));
        }
        finally
        {
            fake.ReleaseHung();
        }

        var held = Assert.Single(factory.Logs.Lines, line => line.Contains("Provider deletion is held", StringComparison.Ordinal));
        Assert.DoesNotContain("(null)", held);
        Assert.Contains("(code none, HTTP none, TimeoutRejectedException)", held);
    }

    /// <summary>A pass, with the clock nudged while it runs: the client's timeouts wait on the line's clock.</summary>
    private static async Task NudgedAsync(TextLineFactory factory, Task pass)
    {
        while (!pass.IsCompleted)
        {
            await Task.WhenAny(pass, Task.Delay(20));
            factory.Clock.Advance(TimeSpan.FromMilliseconds(60));
        }
        await pass;
    }
}
