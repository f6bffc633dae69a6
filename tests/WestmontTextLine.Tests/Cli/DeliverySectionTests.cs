using WestmontTextLine.Cli;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Cli;

public class DeliverySectionTests
{
    private static readonly DateOnly Day = new(2026, 11, 26);

    [Fact]
    public async Task Stats_show_totals_then_each_answer_not_delivered_with_its_codes_and_the_deletion_queue()
    {
        UsageCount[] counts =
        [
            new(Day, "delivery:delivered", 40), new(Day, "delivery:delivered:main", 40),
            new(Day, "delivery:undelivered", 3), new(Day, "delivery:undelivered:law_status", 3),
            new(Day, "delivery-error:30007", 3), new(Day, "delivery-error:30007:law_status", 3),
            new(Day, "delivery:failed", 1), new(Day, "delivery:failed:health_prep", 1),
            new(Day, "delivery-error:30003", 1), new(Day, "delivery-error:30003:health_prep", 1),
            new(Day, ProviderDeletionMetrics.Deleted, 84), new(Day, ProviderDeletionMetrics.GivenUp, 1),
        ];
        var output = new StringWriter();

        await DeliverySection.WriteAsync(output, counts, waitingDeletions: 5);

        var text = output.ToString();
        Assert.Matches(@"delivered\s+█+ 40", text);
        Assert.Matches(@"law_status\s+█+ 3 \(30007 x3 carrier filtered\)", text);
        Assert.Matches(@"health_prep\s+█+ 1 \(30003 x1 unreachable\)", text);
        Assert.Matches(@"deleted\s+█+ 84", text);
        Assert.Contains("waiting now: 5", text);
        Assert.DoesNotContain("main ", text.Split("Not delivered")[1]);
    }

    [Fact]
    public async Task Replies_refused_with_21610_show_as_refused_at_the_carrier_not_as_failed_or_not_delivered()
    {
        UsageCount[] counts =
        [
            new(Day, "delivery:delivered", 40), new(Day, "delivery:delivered:main", 40),
            new(Day, "delivery:refused_at_carrier", 2), new(Day, "delivery:refused_at_carrier:checkin_due", 2),
        ];
        var output = new StringWriter();

        await DeliverySection.WriteAsync(output, counts, waitingDeletions: null);

        var text = output.ToString();
        Assert.Matches(@"refused: opted out at the carrier \(21610\)\s+█+ 2", text);
        Assert.DoesNotMatch(@"failed\s+█", text);
        Assert.DoesNotContain("Not delivered", text);
    }
}
