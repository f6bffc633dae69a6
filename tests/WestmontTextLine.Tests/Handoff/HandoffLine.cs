using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// The line with a provider account (the fake Twilio API) and a fake clock, to play "talk to a person": texts in through
/// the signed webhook, the staff side through <see cref="IHandoffInbox"/> and <see cref="IShifts"/> as the console calls
/// them, texts out read at the fake, the timers (the inbox's and the check-in's) run by the test. The clock starts at 12:00 UTC on Thursday 2026-11-26,
/// 6:00 AM in Chicago, before Handoff:Hours (Mon-Fri 09:00-17:00); <see cref="StartAsync"/> moves it to 10:00 AM unless asked not to.
/// </summary>
public sealed class HandoffLine : IAsyncDisposable
{
    public const string Staff = "Ana";
    public const string OtherStaff = "Ben";

    private readonly bool _ownsFake;

    private HandoffLine(FakeTwilioApi fake, TextLineFactory factory, bool ownsFake)
    {
        Fake = fake;
        Factory = factory;
        _ownsFake = ownsFake;
    }

    public FakeTwilioApi Fake { get; }
    public TextLineFactory Factory { get; }
    public IHandoffInbox Inbox => Factory.Services.GetRequiredService<IHandoffInbox>();
    public IShifts Shifts => Factory.Services.GetRequiredService<IShifts>();
    public static Messages English => EngineHarness.Flow.Language("en").Messages;
    public static Messages Spanish => EngineHarness.Flow.Language("es").Messages;

    /// <param name="inHours">Move the clock to 10:00 AM Thursday, inside the default staffed hours.</param>
    /// <param name="onShift">Put <see cref="Staff"/> on shift.</param>
    public static async Task<HandoffLine> StartAsync(
        TextLineFactory? factory = null, bool inHours = true, bool onShift = true, bool takeMessages = false, FakeTwilioApi? fake = null,
        int rateLimitPerMinute = 0)
    {
        var ownsFake = fake is null;
        fake ??= await ProviderTextLine.StartFakeAsync();
        factory = (factory ?? new TextLineFactory()).WithProvider(fake);
        factory.BackgroundWorkers = false;
        // A text over the line's 3 s (a cold first text on a loaded machine) gets the fallback: the test would then be
        // about that, not about what it says.
        factory.StorageBudget ??= TimeSpan.FromSeconds(60);
        factory.Settings["Handoff:TakeMessages"] = takeMessages ? "true" : "false";
        factory.Settings["TextLine:RateLimitPerMinute"] = rateLimitPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.CreateClient();
        var line = new HandoffLine(fake, factory, ownsFake);
        if (inHours) factory.Clock.Advance(TimeSpan.FromHours(4));
        if (onShift) await line.Shifts.GoOnAsync(Staff);
        return line;
    }

    public TwilioClient Phone(string number) => Factory.CreateTwilioClient(number);

    /// <summary>How staff see this texter: "Texter 3F2A", from the keyed hash of her number.</summary>
    public string PseudonymOf(string number) => Pseudonym.Of(Factory.Services.GetRequiredService<SenderKeys>().KeyOf(number));

    public async Task<InboxConversation> OnlyOpenAsync() => Assert.Single(await Inbox.ListOpenAsync());

    /// <summary>Moves the clock and lets the timers and the outbox do what fell due.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Factory.Clock.Advance(by);
        await PassesAsync();
    }

    public async Task PassesAsync()
    {
        await Factory.Services.GetRequiredService<HandoffWorker>().RunPassAsync(CancellationToken.None);
        // A texter's check-in runs beside her conversation with staff: its timers fire on the same clock.
        await Factory.Services.GetRequiredService<WestmontTextLine.CheckIns.CheckInWorker>().RunPassAsync(CancellationToken.None);
        await Factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None);
    }

    /// <summary>The texts the line sent to this number through the provider (not the webhook's replies), oldest first.</summary>
    public IReadOnlyList<string> SentTo(string number) => SentMessagesTo(number).Select(m => m.Body!).ToList();

    public IReadOnlyList<FakeTwilioMessage> SentMessagesTo(string number) =>
        Fake.Messages.Where(m => m.To == number && m.From == ProviderTextLine.LineNumber && m.Direction == "outbound-api")
            .OrderBy(m => m.DateCreated).ToList();

    /// <summary>Twilio's status callback for a text the line sent, as Twilio would post it to the URL the send named.</summary>
    /// <summary>The carrier's word on a text the line sent, as Twilio gives it: the message moves on at Twilio, then its callback comes.</summary>
    public async Task ReportAsync(TwilioClient phone, FakeTwilioMessage message, string status, int? errorCode = null)
    {
        Assert.NotNull(message.StatusCallback);
        Fake.SetStatus(message.Sid, status, errorCode);
        var response = await ProviderTextLine.ReportAsync(phone, message.StatusCallback!, message.Sid, status, errorCode);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_ownsFake) await Fake.DisposeAsync();
    }
}
