using WestmontTextLine.Logging;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Handoff;

/// <summary>
/// A close that failed after its first write may have left the chat closed with her closing text not queued, or still
/// listed and hers (a store fault, or a frozen Redis that runs the write when it resumes). Its timer would finish it,
/// but that timer is the idle close's, up to Handoff:IdleClose away: she would wait that long for her closing text.
/// Finished in the background once the store answers, in her turn; a chat that is still open (the write never landed)
/// is left as it is. A staff member's close finished so is told to <see cref="ILateStaffCloseListener"/> (the audit
/// log), since the Close itself failed and recorded nothing.
/// </summary>
internal static class UnfinishedCloses
{
    public static void FinishOnceStorageAnswers(
        HandoffConversations conversations, string id, string? staffName, IEnumerable<ILateStaffCloseListener> listeners, ILogger logger) =>
        OnceStorageAnswers.Run(
            async () =>
            {
                HandoffConversation? closed;
                await using (await conversations.TexterTurnAsync(id, CancellationToken.None))
                {
                    closed = await conversations.FinishStoppedCloseAsync(id, CancellationToken.None);
                }
                // Closed by this close, not by the idle close or her MENU while the store failed.
                if (staffName is null || closed?.WasClosedBy(staffName) != true) return;
                foreach (var listener in listeners) await listener.FinishedLateAsync(id, staffName, CancellationToken.None);
            },
            ex => HandoffLog.CloseNotFinished(logger, id, ex.GetType().Name, FaultMessage.Of(ex)));
}
