using WestmontTextLine.Conversations;
using WestmontTextLine.Engine;
using WestmontTextLine.Logging;

namespace WestmontTextLine.Spool;

/// <summary>
/// The answer to a text the store could not take. An opt-out is kept on disk (<see cref="OptOutSpool"/>) and answered
/// as the store would have answered it: STOP's one confirmation (which carries 911 and the 24/7 hotline, as the
/// fallback does), nothing when Twilio's Advanced Opt-Out already confirmed it. While her opt-out waits there, or her
/// session, read before the fault, says she opted out, she is an opted-out texter: her texts get no reply (a second
/// STOP included), as with a working store, except START, which gets the fallback, to text again once the store
/// answers. Anything else gets the safety fallback, as does an opt-out the disk refused too:
/// that one is held in memory, so this process honours it, but her reply does not confirm what a restart could undo.
/// </summary>
public sealed partial class FaultReplies(ConversationEngine line, OptOutSpool spool, ILogger<FaultReplies> logger)
{
    /// <param name="senderKey">Her keyed hash; empty when the fault came before it was made.</param>
    /// <param name="optedOutWhenRead">Her session was read before the fault, and said she opted out.</param>
    public ConversationReply For(string senderKey, InboundText text, bool optedOutWhenRead = false)
    {
        if (senderKey.Length == 0) return Fallback(text);
        var optOut = line.IsOptOut(text.Body, text.CarrierOptOut);
        if (optedOutWhenRead || spool.Holds(senderKey)) return optOut || !line.IsOptIn(text.Body, text.CarrierOptOut) ? new ConversationReply(null, Degraded: true) : Fallback(text);
        if (!optOut) return Fallback(text);
        var atCarrier = line.IsOptOutAtCarrier(text.CarrierOptOut);
        var kept = new SpooledOptOut(senderKey, text.ReceivedAt, text.MessageSid, line.LanguageOfWords(text.Body),
            atCarrier ? OptOutSource.StopAtCarrier : OptOutSource.Stop);
        switch (spool.Keep(kept, out var refused))
        {
            case OptOutKept.InMemoryOnly:
                // Nothing durable holds it: she is not told it is done, which a restart could undo.
                HeldInMemory(logger, new LoggedSid(text.MessageSid), LogTag.Of(senderKey), refused!, refused!.HeldInMemory);
                return Fallback(text);
            case OptOutKept.NotKept:
                NotKept(logger, new LoggedSid(text.MessageSid), LogTag.Of(senderKey), refused!, OptOutSpool.HeldInMemoryCapacity);
                return Fallback(text);
        }
        Kept(logger, new LoggedSid(text.MessageSid), LogTag.Of(senderKey));
        return atCarrier ? new ConversationReply(null, Degraded: true) : new ConversationReply(line.StopConfirmFor(text.Body), Degraded: true, Label: "stop");
    }

    private ConversationReply Fallback(InboundText text) => ConversationReply.Fallback(line.FallbackFor(text.Body));

    [LoggerMessage(1, LogLevel.Warning, "Text {MessageSid}: opt-out from {Sender} kept on disk until the store answers; confirmed")]
    private static partial void Kept(ILogger logger, LoggedSid messageSid, string sender);

    [LoggerMessage(2, LogLevel.Error, "Text {MessageSid}: opt-out from {Sender} not kept on disk: {Refused}; {HeldInMemory}, and nothing is sent to her number meanwhile; gave the fallback")]
    private static partial void HeldInMemory(ILogger logger, LoggedSid messageSid, string sender, SpoolRefusal refused, string heldInMemory);

    [LoggerMessage(3, LogLevel.Error, "Text {MessageSid}: opt-out from {Sender} not kept: {Refused}, and {Held} opt-outs wait in memory already; gave the fallback")]
    private static partial void NotKept(ILogger logger, LoggedSid messageSid, string sender, SpoolRefusal refused, int held);
}
