using WestmontTextLine.Handoff;

namespace WestmontTextLine.Console.Inbox;

/// <summary>Why an inbox action did not happen, in words for the staff member who tried it.</summary>
public static class OutcomeText
{
    public static string Of(InboxOutcome outcome) => outcome switch
    {
        InboxOutcome.Done => "Done.",
        InboxOutcome.AlreadyDone => "Already done: it was sent once.",
        InboxOutcome.NotFound => "This conversation is no longer there (deleted, or closed long enough ago to be gone).",
        InboxOutcome.ClaimedByAnother => "Another staff member has this conversation. Ask them to transfer it to you.",
        InboxOutcome.Closed => "This conversation is closed (or the texter opted out): it takes no more replies.",
        InboxOutcome.Invalid => "The reply cannot be sent as it is: it is empty, has characters a text cannot carry, or is longer than 3 segments.",
        InboxOutcome.CannotSend => "The line cannot send texts (no Twilio account is set), so replies cannot go out.",
        _ => outcome.ToString(),
    };

    /// <summary>
    /// Why a reply was not sent. A chat that closed (or was deleted) a moment before Send says that the reply is kept
    /// on the page, to copy: the page shows it in its box, read-only.
    /// </summary>
    public static string OfReply(InboxOutcome outcome) => outcome switch
    {
        InboxOutcome.Closed => "Your reply was not sent: this conversation closed before it went (its last line says why), " +
            "and takes no more replies. Your reply is kept below, to copy: if she asks for a person again, her new conversation is in the inbox.",
        InboxOutcome.NotFound => "Your reply was not sent: this conversation is no longer there (deleted, or closed long enough ago to be gone). " +
            "Your reply is kept below, to copy: if she asks for a person again, her new conversation is in the inbox.",
        _ => Of(outcome),
    };
}
