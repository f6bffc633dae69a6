using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// The outbox held while Twilio refuses the account, as the on-call operator reads it at Warning. The held line pasted
/// /healthz's reason after its own opening, and so read "Outbound texts held: outbound texts held since ..."; the line
/// that ends it gave the time held in a TimeSpan's own format ("0.00:01:36").
/// </summary>
public sealed class OutboxHoldLogTests
{
    [Fact]
    public async Task The_held_line_says_outbound_texts_held_once_then_why()
    {
        await using var line = await CheckInLine.StartAsync();
        await line.Factory.Services.GetRequiredService<IOutboundTexts>().SendAsync(TestNumbers.Next(), "Checking in.", "checkin_due");
        line.Fake.RejectCredentials = true;

        await line.PassesAsync();

        var held = Assert.Single(line.Factory.Logs.Lines, l => l.Contains("Outbound texts held", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("Error", held);
        Assert.Contains("Outbound texts held: the provider refused the credentials", held);
        Assert.Contains("they wait in the outbox, next try in 5 s", held);
        Assert.DoesNotContain("held since", held);
    }

    [Fact]
    public async Task The_line_that_ends_the_hold_says_how_long_as_people_read_it()
    {
        await using var line = await CheckInLine.StartAsync();
        await line.Factory.Services.GetRequiredService<IOutboundTexts>().SendAsync(TestNumbers.Next(), "Checking in.", "checkin_due");
        line.Fake.RejectCredentials = true;
        await line.PassesAsync();

        line.Fake.RejectCredentials = false;
        await line.AdvanceAsync(TimeSpan.FromSeconds(96));

        var again = Assert.Single(line.Factory.Logs.Lines, l => l.Contains("Outbound texts go out again", StringComparison.Ordinal));
        Assert.StartsWith("Warning", again);
        Assert.Contains("Outbound texts go out again: the provider answered after 1 min 36 s held", again);
    }

    [Fact]
    public void Healthz_says_a_long_wait_for_the_next_try_in_minutes()
    {
        var now = DateTimeOffset.UnixEpoch;
        var pause = new OutboundPause();
        pause.Hold(new TwilioError(TwilioErrorKind.RetryLater, 20429, 429, RetryAfter: TimeSpan.FromSeconds(288)), now);

        Assert.EndsWith("they wait in the outbox, next try in 4 min 48 s", pause.Describe(now));
        Assert.Contains("retry after 4 min 48 s", pause.Describe(now));
    }
}
