using WestmontTextLine.Flows;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// Texts Twilio took and then reported failed for the line's own number or account (30034 unregistered for A2P 10DLC,
/// 30032 toll-free not verified, 30002 account suspended, 30010 price above the maximum): every text fails alike, so
/// no one's number is blamed for it, and the operator hears of it.
/// </summary>
public sealed class LineSideFailureTests
{
    private const string Texter = "+16305558201";
    private const string Contact = "+16305558202";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData(30034)]
    [InlineData(30032)]
    [InlineData(30002)]
    [InlineData(30010)]
    public async Task A_request_failed_for_the_lines_own_number_keeps_her_contact_and_tells_the_operator_once(int code)
    {
        await using var line = await CheckInLine.StartAsync();
        var (texter, request) = await RequestSentAsync(line);

        using var report = await ProviderTextLine.ReportAsync(line.Phone(Contact), request.StatusCallback!, request.Sid, "undelivered", code);
        Assert.True(report.IsSuccessStatusCode);
        await line.PassesAsync();

        Assert.Empty(line.SentTo(Texter)); // not "We could not reach your safety contact": their number is not at fault
        Assert.Equal(English.CodeWordSetPending, await texter.TextAsync("CODEWORD pineapple")); // Ana is still the contact asked
        var health = await HealthAsync(line);
        Assert.Contains($"Degraded: texts reported failed for the line's own number or account", health);
        Assert.Contains($"({code})", health);

        // Every text fails alike meanwhile: the log says it once, not once a text.
        await texter.TextAsync("BUDDY OFF");
        var other = line.Fake.AddMessage(ProviderTextLine.LineNumber, Texter, "x", "sent", "outbound-api");
        await ProviderTextLine.ReportAsync(texter, ReplyCallback(request.StatusCallback!), other.Sid, "failed", code);
        Assert.Single(line.Factory.Logs.Lines, logged => logged.StartsWith("Error", StringComparison.Ordinal) && logged.Contains($"({code})", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_delivered_text_after_it_is_fixed_clears_healthz()
    {
        await using var line = await CheckInLine.StartAsync();
        var (texter, request) = await RequestSentAsync(line);
        await ProviderTextLine.ReportAsync(line.Phone(Contact), request.StatusCallback!, request.Sid, "undelivered", 30034);
        Assert.Contains("30034", await HealthAsync(line));

        var later = line.Fake.AddMessage(ProviderTextLine.LineNumber, Texter, "x", "sent", "outbound-reply");
        await ProviderTextLine.ReportAsync(texter, ReplyCallback(request.StatusCallback!), later.Sid, "delivered");

        Assert.DoesNotContain("30034", await HealthAsync(line));
    }

    [Theory]
    [InlineData(30003)] // her phone off: a fault of that number, reported as before
    [InlineData(30007)]
    public async Task A_request_failed_for_the_contacts_number_still_tells_her_and_healthz_stays_healthy(int code)
    {
        await using var line = await CheckInLine.StartAsync();
        var (texter, request) = await RequestSentAsync(line);

        await ProviderTextLine.ReportAsync(line.Phone(Contact), request.StatusCallback!, request.Sid, "undelivered", code);
        await line.PassesAsync();

        Assert.Equal([English.BuddyUnreachable], line.SentTo(Texter));
        Assert.DoesNotContain("own number or account", await HealthAsync(line));
    }

    /// <summary>She names Ana with BUDDY, and the line sends Ana the request: her phone and that text at the fake.</summary>
    private static async Task<(TwilioClient Texter, FakeTwilio.FakeTwilioMessage Request)> RequestSentAsync(CheckInLine line)
    {
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8202 Ana");
        await line.PassesAsync();
        return (texter, line.Fake.Messages.Single(m => m.To == Contact));
    }

    private static async Task<string> HealthAsync(CheckInLine line) =>
        await (await line.Factory.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync();

    /// <summary>The status callback a reply names (its label, no outbox id), on the same base URL as an outbound text's.</summary>
    private static string ReplyCallback(string outboundCallback) => outboundCallback[..outboundCallback.IndexOf('?', StringComparison.Ordinal)] + "?n=buddy_agreed";
}
