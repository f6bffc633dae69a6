using WestmontTextLine.Logging;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Handoff;

/// <summary>
/// A conversation whose opening failed or ran out of time: the texter got the fallback ("text again"), so nothing of it
/// may stay. A store that hung keeps the writes it was sent and runs them when it answers again (a frozen Redis), so
/// it may yet hold the conversation, list it, or make it her open one: her texts would then go, with no reply, to a
/// chat she was told had failed. Deleted in the background once the store answers, after whatever it kept; and her ask
/// (its MessageSid) remembered as failed, so that Twilio's retry of it gets the fallback again, not "connected" and not
/// a new chat (which a retry of an ask whose chat staff deleted gets). Until it is remembered there, it is held in this
/// process (<see cref="WithdrawingAsks"/>), so that a retry before the clean-up gets the fallback again too.
/// </summary>
internal static class UnopenedConversations
{
    public static void WithdrawOnceStorageAnswers(
        HandoffConversations conversations, WithdrawingAsks withdrawing, HandoffConversation unopened, ILogger logger)
    {
        string[] asks = [.. unopened.Messages.Select(message => message.Sid).OfType<string>().Distinct()];
        withdrawing.Add(unopened.TexterKey, asks);
        OnceStorageAnswers.Run(
            async () =>
            {
                // Sent after the opening's writes on the same connection, so Redis runs it after any it kept; in her turn,
                // so that a text of hers meanwhile (the text again she was asked for) sees it whole or gone.
                await using (await conversations.TexterTurnAsync(unopened.Id, CancellationToken.None))
                {
                    // Remembered first: a retry that finds the conversation gone finds its ask failed.
                    if (asks.Length > 0) await conversations.RememberFailedAsksAsync(unopened.TexterKey, asks, CancellationToken.None);
                    withdrawing.Remove(unopened.TexterKey, asks);
                    await conversations.DeleteAsync(unopened.Id, CancellationToken.None);
                }
            },
            // Its idle-close timer (if it was set) or its record's backstop expiry ends it.
            ex =>
            {
                withdrawing.Remove(unopened.TexterKey, asks);
                HandoffLog.NotWithdrawn(logger, unopened.Id, ex.GetType().Name, FaultMessage.Of(ex));
            });
    }
}
