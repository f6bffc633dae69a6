using WestmontTextLine.Conversations;
using WestmontTextLine.Engine;
using WestmontTextLine.Logging;
using WestmontTextLine.Outbound;
using WestmontTextLine.Senders;
using WestmontTextLine.Spool;

namespace WestmontTextLine.Sms;

/// <summary>
/// Hands a text to the line's <see cref="ConversationService"/>, which the container builds at the first text, its
/// stores opening then. When it cannot be built (the SQLite file was deleted before the first text, and a store cannot
/// open it, or another process holds its write lock) the texter is answered as for any fault inside a conversation
/// (<see cref="FaultReplies"/>), not with an error or no text at all: the safety fallback, and for a STOP its
/// confirmation, kept on disk (the spool's place comes from the settings, not from the store) and written once a store
/// opens. Each text tries to build it again.
/// </summary>
public sealed partial class TextConversations(
    SenderKeys senderKeys, UnqueuedDeletions unqueuedDeletions, FaultReplies faultReplies, ILogger<TextConversations> logger)
{
    /// <param name="requestServices">The request's services: the warm-up text brings a conversation service of its own.</param>
    public Task<ConversationReply> HandleAsync(IServiceProvider requestServices, string senderNumber, InboundText text, CancellationToken cancellationToken)
    {
        ConversationService conversations;
        try
        {
            conversations = requestServices.GetRequiredService<ConversationService>();
        }
        catch (Exception ex)
        {
            NotBuilt(logger, new LoggedSid(text.MessageSid), ex.GetType().Name, FaultMessage.Of(ex));
            unqueuedDeletions.Add(text.MessageSid);
            return Task.FromResult(faultReplies.For(senderKeys.KeyOf(senderNumber), text));
        }
        return conversations.HandleAsync(senderNumber, text, cancellationToken);
    }

    // The exception's type and message only: they name the fault, never the texter.
    [LoggerMessage(1, LogLevel.Error, "Text {MessageSid}: the line's conversations could not be set up ({Fault}: {FaultMessage}); answered as while the store fails")]
    private static partial void NotBuilt(ILogger logger, LoggedSid messageSid, string fault, string faultMessage);
}
