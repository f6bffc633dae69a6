namespace WestmontTextLine.Handoff;

/// <summary>
/// Told when a staff member's close that stopped part-way was finished later (in the background once the store
/// answered, <see cref="UnfinishedCloses"/>, or by the chat's timer, after a restart say), or deleted before it was: the console writes it to the audit log, which its Close
/// could not do, since that Close failed. Given the conversation's id and the staff member's name, never anything of hers.
/// </summary>
public interface ILateStaffCloseListener
{
    Task FinishedLateAsync(string conversationId, string staffName, CancellationToken cancellationToken);

    /// <summary>The chat was deleted (staff's Delete now, her FORGET) before the line finished such a close: it never will.</summary>
    Task DeletedBeforeFinishedAsync(string conversationId, string staffName, CancellationToken cancellationToken);
}
