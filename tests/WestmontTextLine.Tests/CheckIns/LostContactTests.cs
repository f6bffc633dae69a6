using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A contact who agreed and whose alert can never be delivered (their number opted out at the carrier, perhaps a new
/// owner of a recycled number; or it cannot get texts): taken off her plan, and she hears of it once, in her language,
/// at her next conversation and never right after her code word. A failure that may pass leaves them on it.
/// </summary>
public sealed class LostContactTests
{
    private const string Texter = "+16305558201";
    private const string Contact = "+16305558202";
    private static readonly TimeSpan NewConversation = TimeSpan.FromMinutes(31);
    private static Messages English => EngineHarness.Flow.Language("en").Messages;
    private static Messages Spanish => EngineHarness.Flow.Language("es").Messages;

    /// <summary>A texter whose contact agreed, with a code word.</summary>
    private static async Task<CheckInLine> PlanAsync(bool spanish = false)
    {
        var line = await CheckInLine.StartAsync(staff: true);
        var texter = line.Phone(Texter);
        await texter.TextAsync(spanish ? "hola" : "hi");
        await texter.TextAsync(spanish ? "CONTACTO 630-555-8202 Ana" : "BUDDY 630-555-8202 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync(spanish ? "SI" : "YES");
        await texter.TextAsync(spanish ? "CLAVE pineapple" : "CODEWORD pineapple");
        return line;
    }

    [Theory]
    [InlineData(21610)] // opted out at the carrier
    [InlineData(21614)] // not a mobile number
    public async Task A_code_word_alert_refused_for_good_takes_the_contact_off_and_she_hears_at_her_next_conversation(int code)
    {
        await using var line = await PlanAsync();
        var texter = line.Phone(Texter);
        line.Fake.RefuseSendsTo(Contact, code);
        Assert.Equal(English.CodeWordAck, await texter.TextAsync("pineapple"));
        await line.PassesAsync();
        await line.PassesAsync();
        Assert.Contains(line.SentTo(CheckInLine.StaffNumber), text => text.Contains("could not be delivered", StringComparison.Ordinal));
        Assert.Equal([English.BuddyAgreed], line.SentTo(Texter)); // nothing on her phone after her code word

        await line.AdvanceAsync(TimeSpan.FromMinutes(5));
        await texter.TextAsync("2"); // the same conversation: still nothing
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed], line.SentTo(Texter));

        await line.AdvanceAsync(NewConversation);
        await texter.TextAsync("hi");
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed, English.BuddyUnreachable], line.SentTo(Texter));

        await line.AdvanceAsync(NewConversation);
        await texter.TextAsync("hi");
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed, English.BuddyUnreachable], line.SentTo(Texter)); // once
        // No longer promised an alert to a contact who cannot get it.
        Assert.Equal(English.CodeWordSetNoContact, await texter.TextAsync("CODEWORD mango"));
    }

    [Fact]
    public async Task A_code_word_alert_the_carrier_reports_failed_for_good_is_told_to_her_in_spanish_at_her_next_check()
    {
        await using var line = await PlanAsync(spanish: true);
        var texter = line.Phone(Texter);
        await texter.TextAsync("pineapple");
        await line.PassesAsync();
        var alert = line.Fake.Messages.Single(m => m.To == Contact && m.StatusCallback!.Contains("n=alert_codeword", StringComparison.Ordinal));

        await ProviderTextLine.ReportAsync(line.Phone(Contact), alert.StatusCallback!, alert.Sid, "failed", 30005);
        await line.PassesAsync();
        Assert.Equal([Spanish.BuddyAgreed], line.SentTo(Texter));

        await texter.TextAsync("AVISAME 30"); // her next use of her plan, though not a new conversation
        await line.PassesAsync();
        Assert.Equal([Spanish.BuddyAgreed, Spanish.BuddyUnreachable], line.SentTo(Texter));
    }

    [Theory]
    [InlineData("undelivered", 30003)] // a phone off: it may pass
    [InlineData("undelivered", 30007)] // filtered: it may pass
    public async Task A_code_word_alert_that_may_yet_reach_them_keeps_the_contact_and_tells_her_nothing(string status, int code)
    {
        await using var line = await PlanAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("pineapple");
        await line.PassesAsync();
        var alert = line.Fake.Messages.Single(m => m.To == Contact && m.StatusCallback!.Contains("n=alert_codeword", StringComparison.Ordinal));

        await ProviderTextLine.ReportAsync(line.Phone(Contact), alert.StatusCallback!, alert.Sid, status, code);
        await line.AdvanceAsync(NewConversation);
        await texter.TextAsync("hi");
        await line.PassesAsync();

        Assert.Equal([English.BuddyAgreed], line.SentTo(Texter));
        Assert.Equal(English.CodeWordSet, await texter.TextAsync("CODEWORD mango"));
    }

    [Fact]
    public async Task A_missed_check_in_alert_refused_for_good_says_911_now_and_that_she_can_name_someone_else_next_time()
    {
        await using var line = await PlanAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.PassesAsync();
        line.Fake.RefuseSendsTo(Contact, 21610);
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed, English.CheckInDue, English.CheckInMissedUnreached], line.SentTo(Texter));

        await line.AdvanceAsync(NewConversation);
        await texter.TextAsync("hi");
        await line.PassesAsync();

        Assert.Equal([English.BuddyAgreed, English.CheckInDue, English.CheckInMissedUnreached, English.BuddyUnreachable], line.SentTo(Texter));
        Assert.Equal(English.CodeWordSetNoContact, await texter.TextAsync("CODEWORD mango"));
    }

    [Fact]
    public async Task A_new_contact_named_before_she_heard_leaves_nothing_to_tell()
    {
        await using var line = await PlanAsync();
        var texter = line.Phone(Texter);
        line.Fake.RefuseSendsTo(Contact, 21614);
        await texter.TextAsync("pineapple");
        await line.PassesAsync();
        await line.PassesAsync();

        await line.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal(English.BuddyRequested, await texter.TextAsync("BUDDY 630-555-8203 Bea"));
        await line.AdvanceAsync(NewConversation);
        await texter.TextAsync("hi");
        await line.PassesAsync();

        Assert.Equal([English.BuddyAgreed], line.SentTo(Texter));
    }
}
