using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Engine;

/// <summary>What became of one text. Session null means: delete everything stored about the sender.</summary>
public sealed record TextResult(Session? Session, string? Reply, TextEvent Event)
{
    /// <summary>True when nothing must be sent back (opted out, or Twilio already answered).</summary>
    public bool IsSilent => Reply is null;

    /// <summary>The same text answered with another reply (the host's, in place of the engine's), remembered for a retry.</summary>
    public TextResult WithReply(string? reply) =>
        new(Session is null ? null : Session with { LastReply = reply }, reply, Event);

    /// <summary>The same answer with the session changed by the host (its hint that a conversation with staff may be open).</summary>
    public TextResult WithSession(Func<Session, Session> change) => Session is null ? this : this with { Session = change(Session) };
}

/// <summary>Anonymous facts about a text, for usage counts: no sender, no body.</summary>
public readonly record struct TextEvent(
    string? NodeShown,
    KeywordAction Keyword,
    bool NewConversation,
    bool Duplicate = false,
    bool NotUnderstood = false,
    bool Welcomed = false,
    bool Courtesy = false);
