using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Conversations;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Privacy;
using WestmontTextLine.Records;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Sessions;
using WestmontTextLine.Settings;
using WestmontTextLine.Storage;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Console.Simulator;

/// <summary>
/// The console's phone simulator: each simulated texter texts a line of its own, built from the line's own
/// <see cref="ConversationService"/> (engine, keywords, check-ins, talk to a person, rate limit) over stores that live
/// in this process only and go with the texter. So it answers as the line answers (CHECK 45, OK, BUDDY, CODEWORD,
/// TALK and what follows them included), and nothing reaches the line's store, usage counts, logs, inbox or outbound
/// texts: a text it would send (a staff reply, a check-in alert) is never sent, and a conversation with staff it opens
/// shows in no inbox. Whether someone is on shift is read from the line, so TALK gets the answer a texter would get
/// now. Each simulated texter has a clock of its own that the page can move forward (to try the session timeout). At
/// most <see cref="MaxTexters"/> are kept; the one unused longest goes first.
/// </summary>
public sealed class SimulatorSessions(IServiceProvider services, TimeProvider time, IOptions<TextLineOptions> options) : IDisposable
{
    public const int MaxTexters = 500;

    /// <summary>The simulated phone's number: a fictional one (555-01xx), hashed with a key of the texter's own.</summary>
    public const string SimulatedNumber = "+16305550100";

    private const int MaxTranscript = 200;
    private readonly ConcurrentDictionary<string, SimulatedTexter> _texters = new(StringComparer.Ordinal);
    private readonly SenderRateLimiter _rateLimiter = new(time, options.Value.RateLimitPerMinute);

    // Counted by the simulated line's parts, read by no one: the line's usage counts never see a simulated text.
    private readonly UsageRecorder _usage = new();

    public async Task<SimulatorReply> TextAsync(string texterId, string body, CancellationToken cancellationToken = default)
    {
        var texter = _texters.GetOrAdd(texterId, _ => NewTexter());
        await texter.Turn.WaitAsync(cancellationToken);
        try
        {
            var now = texter.Clock.GetUtcNow();
            var answer = await texter.Line.HandleAsync(SimulatedNumber, new InboundText(body, $"SMsimulator{++texter.Texts:D24}", now), cancellationToken);
            var session = await texter.Store.LoadAsync(texter.Key, cancellationToken);
            texter.LastUsed = time.GetUtcNow();
            var reply = SimulatorReply.Of(answer.Text, session?.Node, session?.Language) with { Silence = answer.Text is null ? SimulatorSilence.Why(session) : null };
            lock (texter.Transcript)
            {
                texter.Transcript.Add((body, reply));
                if (texter.Transcript.Count > MaxTranscript) texter.Transcript.RemoveAt(0);
            }
            Trim();
            return reply;
        }
        finally
        {
            texter.Turn.Release();
        }
    }

    public void NewTexter(string texterId) => _texters.TryRemove(texterId, out _);

    /// <summary>What this simulated texter sent and got back, oldest first, with how far its clock was moved.</summary>
    public (IReadOnlyList<(string Sent, SimulatorReply Reply)> Texts, TimeSpan ClockOffset) Conversation(string texterId)
    {
        if (!_texters.TryGetValue(texterId, out var texter)) return ([], TimeSpan.Zero);
        lock (texter.Transcript) return ([.. texter.Transcript], texter.Clock.Offset);
    }

    /// <summary>Moves this texter's clock on (the next text sees the silence, e.g. past the session timeout).</summary>
    public TimeSpan Advance(string texterId, TimeSpan by)
    {
        var texter = _texters.GetOrAdd(texterId, _ => NewTexter());
        lock (texter.Transcript) return texter.Clock.Offset += by;
    }

    public void Dispose() => _rateLimiter.Dispose();

    private void Trim()
    {
        if (_texters.Count <= MaxTexters) return;
        foreach (var (id, _) in _texters.OrderBy(t => t.Value.LastUsed).Take(_texters.Count - MaxTexters)) _texters.TryRemove(id, out _);
    }

    /// <summary>
    /// A line of the texter's own: the line's own services' constructors (so the simulator never drifts from them),
    /// with in-memory stores, an outbox that sends nothing, silent logs and the texter's clock in place of the line's.
    /// </summary>
    private SimulatedTexter NewTexter()
    {
        var clock = new OffsetClock(time);
        var records = new InMemoryPrivateRecords();
        var work = new InMemoryScheduledWork();
        var cipher = new PersonalDataCipher(RandomNumberGenerator.GetBytes(32));
        var keys = new SenderKeys(RandomNumberGenerator.GetBytes(32));
        var outbox = new UnsentOutbox(services.GetRequiredService<IOutboundTexts>().Enabled);
        var store = new InMemorySessionStore();
        var senderLocks = new SenderLocks();
        var turns = new TexterTurns(senderLocks, NoSharedSenderLocks.Instance);

        var conversations = ActivatorUtilities.CreateInstance<HandoffConversations>(services,
            new HandoffStore(records, cipher, clock), work, new InProcessInboxEvents(), outbox, turns, clock, NullLogger<HandoffConversations>.Instance);
        var availability = ActivatorUtilities.CreateInstance<HandoffAvailability>(services, outbox, clock);
        var opening = ActivatorUtilities.CreateInstance<HandoffOpening>(services, conversations, availability, NullLogger<HandoffService>.Instance);
        var notes = new HandoffUrgentNotes(conversations, clock);
        var handoff = ActivatorUtilities.CreateInstance<HandoffService>(services, conversations, availability, opening, notes, clock);
        var checkIns = NewCheckIns(new SafetyPlans(records, cipher, services.GetRequiredService<IOptions<CheckInOptions>>(), clock),
            new TexterMarks(records, clock), work, outbox, store, keys, turns, clock);
        var forgotten = ActivatorUtilities.CreateInstance<ForgottenRecipients>(services, work, cipher, keys, _usage, clock,
            NullLogger<ForgottenRecipients>.Instance);
        var deletions = ActivatorUtilities.CreateInstance<ProviderDeletions>(services, work, new ScheduledWorkLog(work, WorkKinds.Delete), clock);
        var line = ActivatorUtilities.CreateInstance<ConversationService>(services,
            store, keys, senderLocks, NoSharedSenderLocks.Instance, _rateLimiter, _usage, deletions,
            ActivatorUtilities.CreateInstance<ConversationAnswers>(services, forgotten, checkIns, handoff),
            NullLogger<ConversationService>.Instance);
        return new SimulatedTexter(line, store, keys.KeyOf(SimulatedNumber), clock) { LastUsed = time.GetUtcNow() };
    }

    /// <summary>
    /// Every store the check-in's parts write or read is the texter's own, down to the limits on what her number may make
    /// the line send (<see cref="TexterMarks"/>): the line's would keep marks for a texter who exists only on the page.
    /// </summary>
    private CheckInService NewCheckIns(SafetyPlans plans, TexterMarks marks, IScheduledWork work, IOutboundTexts outbox, ISessionStore store,
        SenderKeys keys, TexterTurns turns, TimeProvider clock)
    {
        var links = new ContactLinks(plans);
        var stepTexts = ActivatorUtilities.CreateInstance<CheckInStepTexts>(services, outbox, work);
        var sends = new CheckInSends(plans, outbox, stepTexts);
        // Its own too: the line's read the line's safety plans for the simulated texter.
        var lost = ActivatorUtilities.CreateInstance<LostContacts>(services, plans, links, outbox, clock);
        var alerts = ActivatorUtilities.CreateInstance<CheckInAlerts>(services, plans, marks, outbox, sends, links, lost, clock);
        var timers = ActivatorUtilities.CreateInstance<CheckInTimers>(services, plans, work, new CheckInElapsed(clock), _usage, turns, clock);
        var contacts = ActivatorUtilities.CreateInstance<SafetyContacts>(services, plans, marks, keys, store, links, sends, _usage);
        var contactLeaving = ActivatorUtilities.CreateInstance<SafetyContactLeaving>(services, plans, marks, outbox, links, _usage, clock);
        var contactAnswers = ActivatorUtilities.CreateInstance<SafetyContactAnswers>(services, plans, marks, outbox, links, contactLeaving, _usage, clock);
        var codeWords = ActivatorUtilities.CreateInstance<CheckInCodeWord>(services, plans, links, alerts, _usage, clock);
        return ActivatorUtilities.CreateInstance<CheckInService>(services, plans, outbox, timers, contacts, contactAnswers, contactLeaving, links, codeWords, lost);
    }

    private sealed class SimulatedTexter(ConversationService line, ISessionStore store, string key, OffsetClock clock)
    {
        public ConversationService Line { get; } = line;
        public ISessionStore Store { get; } = store;
        public string Key { get; } = key;
        public OffsetClock Clock { get; } = clock;
        public SemaphoreSlim Turn { get; } = new(1, 1);
        public DateTimeOffset LastUsed { get; set; }
        public int Texts { get; set; }
        public List<(string Sent, SimulatorReply Reply)> Transcript { get; } = [];
    }

    /// <summary>The line's clock, moved on by the page's "Move the clock" button.</summary>
    private sealed class OffsetClock(TimeProvider inner) : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
    }

    /// <summary>
    /// Takes what the simulated line would text (a staff reply, a buddy request, a check-in alert) and sends none of it.
    /// Enabled as the line's own outbox is, so that the replies that depend on it (check-ins, talk to a person) are the line's.
    /// </summary>
    private sealed class UnsentOutbox(bool enabled) : IOutboundTexts
    {
        public bool Enabled => enabled;

        public Task<string> SendAsync(string to, string body, string label, CancellationToken cancellationToken = default) =>
            Task.FromResult("simulated-" + Guid.NewGuid().ToString("N"));

        public Task SendAsAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}

/// <summary>A simulated reply and what it costs to send, as `chat` shows it, with what a lock screen shows of it.</summary>
public sealed record SimulatorReply(string? Text, int Segments, string Encoding, int Characters, string LockScreen, string? Node, string? Language)
{
    /// <summary>Why the line sent nothing, for a reply that is none (<see cref="SimulatorSilence"/>).</summary>
    public string? Silence { get; init; }

    public const int LockScreenCharacters = 40;

    public static SimulatorReply Of(string? text, string? node, string? language) => text is null
        ? new SimulatorReply(null, 0, "", 0, "", node, language)
        : new SimulatorReply(text, SmsText.Segments(text), SmsText.IsGsm7(text) ? "GSM-7" : "UCS-2", text.Length,
            text.Length <= LockScreenCharacters ? text : text[..LockScreenCharacters], node, language);
}
