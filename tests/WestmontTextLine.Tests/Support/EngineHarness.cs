using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Tests.Support;

/// <summary>One texter talking straight to the engine, with the session kept in a field and a clock the test moves.</summary>
public sealed class EngineHarness
{
    private static readonly Lazy<Flow> RepoFlow = new(() => FlowLoader.Load(RepoPaths.Flows).FlowOrThrow());
    private int _sid;

    public EngineHarness(TimeSpan? sessionTimeout = null)
    {
        Line = new ConversationEngine(Flow, sessionTimeout);
    }

    public static Flow Flow => RepoFlow.Value;
    public ConversationEngine Line { get; }
    public Session? Session { get; private set; }
    public DateTimeOffset Now { get; set; } = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    public TextResult? Last { get; private set; }

    public LanguageFlow English => Flow.Languages["en"];
    public LanguageFlow Spanish => Flow.Languages["es"];

    public string? Text(string body, string? messageSid = null) => Text(body, messageSid, carrierOptOut: null);

    /// <summary>A text Twilio's Advanced Opt-Out has already answered (its OptOutType: STOP, START or HELP).</summary>
    public string? CarrierText(string body, string carrierOptOut) => Text(body, messageSid: null, carrierOptOut);

    private string? Text(string body, string? messageSid, string? carrierOptOut)
    {
        Last = Line.Handle(Session, new InboundText(body, messageSid ?? $"SM{++_sid}", Now, carrierOptOut));
        Session = Last.Session is null ? null : Last.Session with { Version = (Session?.Version ?? 0) + 1 };
        return Last.Reply;
    }
}
