using WestmontTextLine.Sessions;

namespace WestmontTextLine.Handoff;

/// <summary>
/// What the inbox makes of one text, read before the menu does: the session to go on with, her open conversation with
/// staff (if any), and whether the line offered to take her next text as a message.
/// </summary>
/// <param name="AskedWithThisText">This very text asked for a person and opened the conversation (it is being run again).</param>
public sealed record HandoffTurn(Session? Session, HandoffConversation? Open, bool AwaitingMessage, bool AskedWithThisText = false)
{
    /// <summary>She is texting with staff: her texts go to the inbox.</summary>
    public bool InChat => Open is { Mode: HandoffMode.Live } && !AskedWithThisText;

    public static HandoffTurn None(Session? session) => new(session, null, false);
}
