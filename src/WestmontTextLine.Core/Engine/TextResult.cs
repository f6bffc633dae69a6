using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Engine;

/// <summary>What became of one text. Session null means: delete everything stored about the sender.</summary>
public sealed record TextResult(Session? Session, string? Reply, TextEvent Event)
{
    /// <summary>True when nothing must be sent back (opted out, or Twilio already answered).</summary>
    public bool IsSilent => Reply is null;
}

/// <summary>Anonymous facts about a text, for usage counts: no sender, no body.</summary>
public readonly record struct TextEvent(
    string? NodeShown,
    KeywordAction Keyword,
    bool NewConversation,
    bool Duplicate = false,
    bool NotUnderstood = false);
