using WestmontTextLine.Logging;

namespace WestmontTextLine.Handoff;

/// <summary>
/// A conversation whose opening failed or ran out of time: the texter got the fallback ("text again"), so nothing of it
/// may stay. A store that hung keeps the writes it was sent and runs them when it answers again (a frozen Redis), so
/// it may yet hold the conversation, list it, or make it her open one: her texts would then go, with no reply, to a
/// chat she was told had failed. Deleted in the background once the store answers, after whatever it kept.
/// </summary>
internal static class UnopenedConversations
{
    private const int Attempts = 12;
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    public static void WithdrawOnceStorageAnswers(HandoffConversations conversations, string id, ILogger logger) =>
        _ = Task.Run(() => WithdrawAsync(conversations, id, logger));

    private static async Task WithdrawAsync(HandoffConversations conversations, string id, ILogger logger)
    {
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Sent after the opening's writes on the same connection, so Redis runs it after any it kept; in her turn,
                // so that a text of hers meanwhile (the text again she was asked for) sees it whole or gone.
                await using (await conversations.TexterTurnAsync(id, CancellationToken.None))
                {
                    await conversations.DeleteAsync(id, CancellationToken.None);
                }
                return;
            }
            catch (Exception) when (attempt < Attempts)
            {
                await Task.Delay(pause);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
            }
            catch (Exception ex)
            {
                // Its idle-close timer (if it was set) or its record's backstop expiry ends it.
                HandoffLog.NotWithdrawn(logger, id, ex.GetType().Name, FaultMessage.Of(ex));
                return;
            }
        }
    }
}
