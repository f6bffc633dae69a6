namespace WestmontTextLine.Outbound;

/// <summary>
/// Told, at the outbox worker's pass after FORGET (<see cref="ForgottenRecipients"/>), the keyed hashes of the numbers
/// that asked to be forgotten since the last pass: a feature deletes what it keeps about them that it could not find
/// on her text's path (a note kept under an outbox id, not under her key). Never a number.
/// </summary>
public interface IForgottenListener
{
    Task ForgottenAsync(IReadOnlySet<string> numberKeys, CancellationToken cancellationToken);
}
