using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Outbound;
using WestmontTextLine.Senders;
using WestmontTextLine.Sessions;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// The line with a provider account (the fake Twilio API) and a fake clock, to play check-in stories: texts in through
/// the signed webhook, texts out read at the fake, the clock moved by the test and the workers' passes driven by it.
/// </summary>
public sealed class CheckInLine : IAsyncDisposable
{
    public const string StaffNumber = "+16305557000";

    private readonly bool _ownsFake;

    private CheckInLine(FakeTwilioApi fake, TextLineFactory factory, bool ownsFake)
    {
        Fake = fake;
        Factory = factory;
        _ownsFake = ownsFake;
    }

    public FakeTwilioApi Fake { get; }
    public TextLineFactory Factory { get; }

    public static async Task<CheckInLine> StartAsync(TextLineFactory? factory = null, bool staff = false, FakeTwilioApi? fake = null)
    {
        var ownsFake = fake is null;
        fake ??= await ProviderTextLine.StartFakeAsync();
        factory = (factory ?? new TextLineFactory()).WithProvider(fake);
        factory.BackgroundWorkers = false;
        // A text over the line's 3 s (BUDDY on a loaded machine) gets the fallback, and the test would then be about
        // that: the contact's YES found no request and got the welcome (ContactSideTests failed so in a full run).
        factory.StorageBudget ??= TimeSpan.FromSeconds(60);
        if (staff) factory.Settings["CheckIn:StaffNumber"] = StaffNumber;
        factory.CreateClient();
        return new CheckInLine(fake, factory, ownsFake);
    }

    /// <summary>The line on the given Redis server, or on SQLite when there is none.</summary>
    public static Task<CheckInLine> StartOnAsync(RedisServer? redis, bool staff = false) =>
        StartAsync(redis is null ? null : new RedisTextLineFactory(redis.ConnectionString), staff);

    public TwilioClient Phone(string number) => Factory.CreateTwilioClient(number);

    /// <summary>Moves the clock and lets the timers and the outbox do what fell due.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Factory.Clock.Advance(by);
        await PassesAsync();
    }

    public async Task PassesAsync()
    {
        await Factory.Services.GetRequiredService<CheckInWorker>().RunPassAsync(CancellationToken.None);
        await Factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None);
    }

    /// <summary>A new texter who asked a new number to be her contact ("Ana"), the request sent: their two numbers.</summary>
    public async Task<(string Texter, string Contact)> AskedAsync()
    {
        var (texterNumber, contactNumber) = (TestNumbers.Next(), TestNumbers.Next());
        await Phone(texterNumber).TextAsync("hi");
        Assert.Equal(EngineHarness.Flow.Language("en").Messages.BuddyRequested, await Phone(texterNumber).TextAsync($"BUDDY {contactNumber} Ana"));
        await PassesAsync();
        return (texterNumber, contactNumber);
    }

    /// <summary>A new texter whose new contact ("Ana") said YES, and the line's texts about it sent: their two numbers.</summary>
    public async Task<(string Texter, string Contact)> AgreedAsync()
    {
        var (texter, contact) = await AskedAsync();
        await Phone(contact).TextAsync("YES");
        await PassesAsync();
        return (texter, contact);
    }

    /// <summary>
    /// A new texter whose contact agreed; her <c>CHECK 30</c> lapsed and alerted them and the on-call phone; then Twilio
    /// refused every text, and her contact's alert was reported undelivered: the on-call phone's follow-up waits in the
    /// outbox. Returns her number.
    /// </summary>
    public async Task<string> ContactAlertUndeliveredWhileTextsRefusedAsync()
    {
        var (texter, contact) = await AgreedAsync();
        await Phone(texter).TextAsync("CHECK 30");
        await AdvanceAsync(TimeSpan.FromMinutes(30));
        await AdvanceAsync(TimeSpan.FromMinutes(11));
        var alert = Fake.Messages.Single(m => m.To == contact && m.StatusCallback!.Contains("n=alert_missed", StringComparison.Ordinal));
        Assert.Single(SentTo(StaffNumber));
        Fake.RejectCredentials = true;
        await ProviderTextLine.ReportAsync(Phone(contact), alert.StatusCallback!, alert.Sid, "undelivered", 30003);
        await PassesAsync();
        return texter;
    }

    /// <summary>
    /// Her STOP as a fault part way left it: her session saved opted out, and nothing else it ends (her timer, her plan)
    /// ended. Returns her keyed hash.
    /// </summary>
    public async Task<string> OptOutHerSessionOnlyAsync(string texter)
    {
        var key = Factory.Services.GetRequiredService<SenderKeys>().KeyOf(texter);
        var sessions = Factory.Services.GetRequiredService<ISessionStore>();
        var session = await sessions.LoadAsync(key);
        Assert.True(await sessions.SaveAsync(key, session! with { OptedOut = true, Choices = null }));
        return key;
    }

    /// <summary>Her STOP, and a minute later her START (before the held outbox tries again, which would drop her texts while she is opted out).</summary>
    public async Task StopThenStartAsync(string texter)
    {
        await Phone(texter).TextAsync("STOP");
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await Phone(texter).TextAsync("START");
    }

    /// <summary>
    /// Twilio refuses every text while a <c>CHECK 30</c> comes due and its grace runs out: what her check-in sends (to her,
    /// her contact, the on-call phone) waits in the outbox.
    /// </summary>
    public async Task RefuseTextsWhileCheckIn30LapsesAsync()
    {
        Fake.RejectCredentials = true;
        await AdvanceAsync(TimeSpan.FromMinutes(30));
        await AdvanceAsync(TimeSpan.FromMinutes(11));
        await PassesAsync();
    }

    /// <summary>Twilio takes texts again, and the held outbox has had its longest wait twice to try what it holds.</summary>
    public async Task TwilioTakesTextsAgainAsync()
    {
        Fake.RejectCredentials = false;
        await AdvanceAsync(OutboundPause.LongestWait);
        await AdvanceAsync(OutboundPause.LongestWait);
    }

    /// <inheritdoc cref="TextMeanwhile.AnsweredOrWaitingAsync"/>
    public Task TextMeanwhileAsync(string number, Task text) => TextMeanwhile.AnsweredOrWaitingAsync(Factory, number, text);

    /// <summary>The texts the line sent to this number, oldest first.</summary>
    public IReadOnlyList<string> SentTo(string number) =>
        Fake.Messages.Where(m => m.To == number && m.From == ProviderTextLine.LineNumber).Select(m => m.Body!).ToList();

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_ownsFake) await Fake.DisposeAsync();
    }
}
