using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// A text Twilio refuses with 21610 (the number replied STOP at its carrier) was logged as an error, "Outbound text ...
/// given up: Failed (code 21610 ...)", and made /healthz Degraded for a day: the on-call operator was paged for a
/// texter's own choice, in words that said nothing of it. It is now an Information line that says what it means, and
/// counted under its own name (outbound:opted_out_at_carrier), not as outbound:failed.
/// </summary>
public sealed class CarrierOptOutLogTests
{
    [Fact]
    public async Task A_text_refused_because_the_number_opted_out_at_the_carrier_is_no_error_and_says_so()
    {
        await using var line = await CheckInLine.StartAsync();
        var number = TestNumbers.Next();
        await line.Factory.Services.GetRequiredService<IOutboundTexts>().SendAsync(number, "Checking in.", "checkin_due");
        line.Fake.RefuseSends(1, DeliveryMetrics.OptedOutAtCarrierCode);

        await line.PassesAsync();

        var workerLines = line.Factory.Logs.Lines.Where(l => l.Contains("Outbound.OutboundTextWorker:", StringComparison.Ordinal)).ToList();
        var notSent = Assert.Single(workerLines, l => l.Contains("(checkin_due)", StringComparison.Ordinal));
        Assert.StartsWith("Information", notSent);
        Assert.Contains("(checkin_due) not sent: that number opted out at the carrier (Twilio error 21610), so the line sends it nothing more; nothing to do", notSent);
        Assert.DoesNotContain(line.Factory.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.DoesNotContain("given up", await line.Factory.CreateClient().GetStringAsync("/healthz"));
        Assert.DoesNotContain(number, line.Factory.Logs.All);
        // Counted under its own name, not as a text the line failed to send.
        var counts = await UsageToday.OfAsync(line.Factory);
        Assert.Equal(1, counts.GetValueOrDefault(OutboundMetrics.OptedOutAtCarrier("checkin_due")));
        Assert.False(counts.ContainsKey(OutboundMetrics.Failed("checkin_due")), string.Join(", ", counts));
    }

    [Fact]
    public async Task A_text_refused_for_another_reason_is_still_an_error()
    {
        await using var line = await CheckInLine.StartAsync();
        await line.Factory.Services.GetRequiredService<IOutboundTexts>().SendAsync(TestNumbers.Next(), "Checking in.", "checkin_due");
        line.Fake.RefuseSends(1, 21211);

        await line.PassesAsync();

        var givenUp = Assert.Single(line.Factory.Logs.Lines, l => l.Contains("(checkin_due) given up", StringComparison.Ordinal));
        Assert.StartsWith("Error", givenUp);
        Assert.Contains("1 outbound text(s) given up in the last day", await line.Factory.CreateClient().GetStringAsync("/healthz"));
        var counts = await UsageToday.OfAsync(line.Factory);
        Assert.Equal(1, counts.GetValueOrDefault(OutboundMetrics.Failed("checkin_due")));
        Assert.False(counts.ContainsKey(OutboundMetrics.OptedOutAtCarrier("checkin_due")), string.Join(", ", counts));
    }
}
