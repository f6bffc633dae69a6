using System.Collections.Concurrent;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Console.Simulator;

/// <summary>
/// The console's phone simulator: the real engine on the real flows, with each simulated texter's session kept in
/// this process only. Nothing here touches the line's store, its usage counts or its outbound texts, so trying a flow
/// changes nothing a texter sees. Each simulated texter has a clock of its own that the page can move forward (to try
/// the session timeout). At most <see cref="MaxTexters"/> are kept; the one unused longest goes first.
/// </summary>
public sealed class SimulatorSessions(ConversationEngine engine, TimeProvider time)
{
    public const int MaxTexters = 500;
    private const int MaxTranscript = 200;
    private readonly ConcurrentDictionary<string, SimulatedTexter> _texters = new(StringComparer.Ordinal);

    public SimulatorReply Text(string texterId, string body)
    {
        var texter = _texters.GetOrAdd(texterId, _ => new SimulatedTexter());
        lock (texter)
        {
            var now = time.GetUtcNow() + texter.ClockOffset;
            var result = engine.Handle(texter.Session, new InboundText(body, $"SMsimulator{++texter.Texts:D24}", now));
            texter.Session = result.Session is null ? null : result.Session with { Version = (texter.Session?.Version ?? 0) + 1 };
            texter.LastUsed = time.GetUtcNow();
            var reply = SimulatorReply.Of(result.Reply, texter.Session?.Node, texter.Session?.Language);
            texter.Transcript.Add((body, reply));
            if (texter.Transcript.Count > MaxTranscript) texter.Transcript.RemoveAt(0);
            Trim();
            return reply;
        }
    }

    public void NewTexter(string texterId) => _texters.TryRemove(texterId, out _);

    /// <summary>What this simulated texter sent and got back, oldest first, with how far its clock was moved.</summary>
    public (IReadOnlyList<(string Sent, SimulatorReply Reply)> Texts, TimeSpan ClockOffset) Conversation(string texterId)
    {
        if (!_texters.TryGetValue(texterId, out var texter)) return ([], TimeSpan.Zero);
        lock (texter) return ([.. texter.Transcript], texter.ClockOffset);
    }

    /// <summary>Moves this texter's clock on (the next text sees the silence, e.g. past the session timeout).</summary>
    public TimeSpan Advance(string texterId, TimeSpan by)
    {
        var texter = _texters.GetOrAdd(texterId, _ => new SimulatedTexter());
        lock (texter) return texter.ClockOffset += by;
    }

    private void Trim()
    {
        if (_texters.Count <= MaxTexters) return;
        foreach (var (id, _) in _texters.OrderBy(t => t.Value.LastUsed).Take(_texters.Count - MaxTexters)) _texters.TryRemove(id, out _);
    }

    private sealed class SimulatedTexter
    {
        public Session? Session { get; set; }
        public TimeSpan ClockOffset { get; set; }
        public DateTimeOffset LastUsed { get; set; }
        public int Texts { get; set; }
        public List<(string Sent, SimulatorReply Reply)> Transcript { get; } = [];
    }
}

/// <summary>A simulated reply and what it costs to send, as `chat` shows it, with what a lock screen shows of it.</summary>
public sealed record SimulatorReply(string? Text, int Segments, string Encoding, int Characters, string LockScreen, string? Node, string? Language)
{
    public const int LockScreenCharacters = 40;

    public static SimulatorReply Of(string? text, string? node, string? language) => text is null
        ? new SimulatorReply(null, 0, "", 0, "", node, language)
        : new SimulatorReply(text, SmsText.Segments(text), SmsText.IsGsm7(text) ? "GSM-7" : "UCS-2", text.Length,
            text.Length <= LockScreenCharacters ? text : text[..LockScreenCharacters], node, language);
}
