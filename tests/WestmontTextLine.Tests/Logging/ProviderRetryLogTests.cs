using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// Polly's telemetry logged two warnings for every retried attempt and an error for every last one: a night of 429s
/// from Twilio wrote 440 such lines in a minute and a half ("Execution attempt. Source: 'Twilio-twilio-api//Retry' ...
/// Result: '429'"), which say nothing of texters and buried the line's own "Outbound texts held" and "Provider deletion
/// is held", each written once an episode. The client's attempts are not logged; the line's outcome lines are.
/// </summary>
public sealed class ProviderRetryLogTests
{
    [Fact]
    public async Task A_run_of_429s_is_logged_by_the_line_once_and_not_attempt_by_attempt()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        fake.TooManyRequests(6); // more than the pipeline's four attempts
        await factory.Services.GetRequiredService<IOutboundTexts>().SendAsAsync(Guid.NewGuid().ToString("N"), "+16305551294",
            "Checking in. Reply OK if you are all right.", "checkin_due");

        await NudgedAsync(factory, factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None));

        Assert.Equal(4, fake.RequestCount);
        Assert.Single(factory.Logs.Lines, line => line.Contains("Outbound texts held:", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(" Polly:", StringComparison.Ordinal));
    }

    /// <summary>A pass, with the clock nudged while it runs: the pipeline's backoff (10-50 ms here) waits on the line's clock.</summary>
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
