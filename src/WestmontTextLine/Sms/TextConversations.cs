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
    ConversationEngine line, SenderKeys senderKeys, UnqueuedDeletions unqueuedDeletions, FaultReplies faultReplies,
    ILogger<TextConversations> logger)
{
    /// <param name="requestServices">The request's services: the warm-up text brings a conversation service of its own.</param>
    public Task<ConversationReply> HandleAsync(IServiceProvider requestServices, string senderNumber, InboundText text, CancellationToken cancellationToken)
    {
        Task<ConversationReply> answer;
        try
        {
            answer = AnswerAsync(requestServices, senderNumber, text, cancellationToken);
        }
        catch (Exception ex)
        {
            answer = Task.FromException<ConversationReply>(ex);
        }
        return answer.IsCompletedSuccessfully ? answer : FallbackIfItFailsAsync(answer, text, cancellationToken);
    }

    /// <summary>
    /// The last resort: whatever a conversation's own protection let through (a fault inside its fault handling, such
    /// as a spool's file refusing a write as it was closed) still gets the safety fallback, never an error page. Only
    /// the engine's words are used here, nothing that could fail the same way. A request the caller gave up on is let go.
    /// </summary>
    private async Task<ConversationReply> FallbackIfItFailsAsync(Task<ConversationReply> answer, InboundText text, CancellationToken cancellationToken)
    {
        try
        {
            return await answer;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Unprotected(logger, new LoggedSid(text.MessageSid), ex.GetType().Name);
            return ConversationReply.Fallback(line.FallbackFor(text.Body));
        }
    }

    private Task<ConversationReply> AnswerAsync(IServiceProvider requestServices, string senderNumber, InboundText text, CancellationToken cancellationToken)
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

    // The exception's type only: its message is what failed to be handled.
    [LoggerMessage(2, LogLevel.Error, "Text {MessageSid}: answering it failed outside the conversation's own protection ({Fault}); gave the fallback")]
    private static partial void Unprotected(ILogger logger, LoggedSid messageSid, string fault);

    // The exception's type and message only: they name the fault, never the texter.
    [LoggerMessage(1, LogLevel.Error, "Text {MessageSid}: the line's conversations could not be set up ({Fault}: {FaultMessage}); answered as while the store fails")]
    private static partial void NotBuilt(ILogger logger, LoggedSid messageSid, string fault, string faultMessage);
}
