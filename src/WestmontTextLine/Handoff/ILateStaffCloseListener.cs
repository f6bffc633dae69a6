namespace WestmontTextLine.Handoff;

/// <summary>
/// Told when a staff member's close that stopped part-way was finished in the background once the store answered
/// (<see cref="UnfinishedCloses"/>): the console writes it to the audit log, which its Close could not do, since that
/// Close failed. Given the conversation's id and the staff member's name, never anything of hers.
/// </summary>
public interface ILateStaffCloseListener
{
    Task FinishedLateAsync(string conversationId, string staffName, CancellationToken cancellationToken);
}
