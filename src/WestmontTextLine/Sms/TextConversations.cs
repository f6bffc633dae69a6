using WestmontTextLine.Conversations;
using WestmontTextLine.Engine;
using WestmontTextLine.Logging;
using WestmontTextLine.Outbound;

namespace WestmontTextLine.Sms;

/// <summary>
/// Hands a text to the line's <see cref="ConversationService"/>, which the container builds at the first text, its
/// stores opening then. When it cannot be built (the SQLite file was deleted before the first text, and a store cannot
/// open it) the texter still gets the safety fallback, as for any fault inside a conversation, not an error and no
/// text at all. Each text tries to build it again.
/// </summary>
public sealed partial class TextConversations(ConversationEngine line, UnqueuedDeletions unqueuedDeletions, ILogger<TextConversations> logger)
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
            return Task.FromResult(ConversationReply.Fallback(line.FallbackFor(text.Body)));
        }
        return conversations.HandleAsync(senderNumber, text, cancellationToken);
    }

    // The exception's type and message only: they name the fault, never the texter.
    [LoggerMessage(1, LogLevel.Error, "Text {MessageSid}: the line's conversations could not be set up ({Fault}: {FaultMessage}); gave the fallback")]
    private static partial void NotBuilt(ILogger logger, LoggedSid messageSid, string fault, string faultMessage);
}
