using System.Text.RegularExpressions;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Twilio sends a status callback again when the first got no answer in time, and the second may come while the first
/// is still being answered, at another instance, whose memory of recent callbacks does not hold it (or a second final
/// report, "failed" after "undelivered", comes as the first is answered). An alert to her contact reported undelivered
/// twice at once texted her twice that her contact could not be reached: both reports read the note of whose alert it
/// was before either deleted it. Here the second report is "failed", which this instance's memory does not stop, as a
/// retry at another instance is not.
/// </summary>
public sealed partial class CheckInOutcomeTwiceTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task An_undelivered_alert_reported_twice_at_once_tells_her_once()
    {
        HookedPrivateRecords? records = null;
        await using var line = await CheckInLine.StartAsync(new TextLineFactory { TestServices = HookedPrivateRecords.Register(made => records = made) });
        var (herNumber, contactNumber) = (TestNumbers.Next(), TestNumbers.Next());
        var (her, contact) = (line.Phone(herNumber), line.Phone(contactNumber));
        await her.TextAsync("hi");
        await her.TextAsync($"BUDDY {contactNumber} Ana");
        await line.PassesAsync();
        await contact.TextAsync("YES");
        await her.TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        var alert = line.Fake.Messages.Single(m => m.To == contactNumber && m.StatusCallback!.Contains("n=alert_missed", StringComparison.Ordinal));
        var outboxId = OutboxIdPattern().Match(alert.StatusCallback!).Groups[1].Value;

        // The first report reads whose alert it was; Twilio's second report of it comes then, and is answered in full.
        records!.AfterGet(1, SafetyPlans.SendKind, outboxId,
            async () => (await ProviderTextLine.ReportAsync(contact, alert.StatusCallback!, alert.Sid, "failed", 30003)).Dispose());
        using var first = await ProviderTextLine.ReportAsync(contact, alert.StatusCallback!, alert.Sid, "undelivered", 30003);
        await line.PassesAsync();

        Assert.Single(line.SentTo(herNumber), text => text == English.CheckInMissedUnreached);
    }

    [GeneratedRegex("[?&]o=([A-Za-z0-9-]+)")]
    private static partial Regex OutboxIdPattern();
}
