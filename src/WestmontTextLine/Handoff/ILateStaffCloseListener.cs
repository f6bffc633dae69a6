namespace WestmontTextLine.Handoff;

/// <summary>
/// Told when a staff member's close that stopped part-way was finished in the background once the store answered
/// (<see cref="UnfinishedCloses"/>), or deleted before it was: the console writes it to the audit log, which its Close
/// could not do, since that Close failed. Given the conversation's id and the staff member's name, never anything of hers.
/// </summary>
public interface ILateStaffCloseListener
{
    Task FinishedLateAsync(string conversationId, string staffName, CancellationToken cancellationToken);

    /// <summary>Staff deleted the chat (Delete now) before the line finished such a close: it never will.</summary>
    Task DeletedBeforeFinishedAsync(string conversationId, string staffName, CancellationToken cancellationToken);
}
