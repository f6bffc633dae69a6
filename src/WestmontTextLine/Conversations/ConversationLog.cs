using WestmontTextLine.Flows;
using WestmontTextLine.Logging;

namespace WestmontTextLine.Conversations;

/// <summary>
/// The line's log lines, generated at compile time so a busy line pays no boxing or parsing for them. They carry a
/// MessageSid (in Twilio's shape, or not at all: <see cref="LoggedSid"/>), a tag for the sender that no number leads to (<see cref="LogTag"/>), a node and a timing: never a number, a body or a secret.
/// </summary>
public static partial class ConversationLog
{
    [LoggerMessage(1, LogLevel.Information, "Text {MessageSid} from {SenderTag}: node {Node}, keyword {Keyword}, {ElapsedMs:F1} ms")]
    public static partial void Answered(ILogger logger, LoggedSid messageSid, string senderTag, string node, KeywordAction keyword, double elapsedMs);

    [LoggerMessage(2, LogLevel.Warning, "Text {MessageSid} from {SenderTag}: over the rate limit, not answered")]
    public static partial void RateLimited(ILogger logger, LoggedSid messageSid, string senderTag);

    [LoggerMessage(3, LogLevel.Warning, "Text {MessageSid} from {SenderTag}: session kept changing, gave the fallback")]
    public static partial void KeptConflicting(ILogger logger, LoggedSid messageSid, string senderTag);

    // The exception's type and message only: they name the fault, never the texter. One a text, as Answered is; the
    // run of them is told once, at Warning and above, by FallbackBegan and FallbackEnded.
    // Sent: "gave the fallback", "sent nothing: she opted out" or "confirmed her opt-out, kept on disk".
    [LoggerMessage(4, LogLevel.Information, "Text {MessageSid} from {SenderTag}: storage fault {Fault}: {FaultMessage}; {Sent}")]
    public static partial void StorageFault(ILogger logger, LoggedSid messageSid, string senderTag, string fault, string faultMessage, string sent);

    [LoggerMessage(6, LogLevel.Error, "Texts get the fallback: the store failed ({Fault}: {FaultMessage}). Texters are answered with the " +
        "flows' fallback (a technical problem, 911, the 24/7 hotline, text again in a few minutes) and their conversations wait " +
        "where they were; /healthz names the store's fault. Logged once until a text is answered again")]
    public static partial void FallbackBegan(ILogger logger, string fault, string faultMessage);

    [LoggerMessage(8, LogLevel.Error, "Texts get the fallback: the disk holding the line's data is full ({Fault}: {FaultMessage}). Texters " +
        "are answered with the flows' fallback (a technical problem, 911, the 24/7 hotline, text again in a few minutes) until space " +
        "is freed on that disk, and their conversations wait where they were. Logged once until a text is answered again")]
    public static partial void FallbackBeganDiskFull(ILogger logger, string fault, string faultMessage);

    [LoggerMessage(7, LogLevel.Warning, "Texts are answered again: {Texts} text(s) got the fallback for a storage fault over {Lasted}")]
    public static partial void FallbackEnded(ILogger logger, int texts, string lasted);

    [LoggerMessage(5, LogLevel.Warning, "Text {MessageSid}: not queued for deletion at the provider ({Fault}); it stays at Twilio")]
    public static partial void DeletionNotQueued(ILogger logger, LoggedSid messageSid, string fault);
}
