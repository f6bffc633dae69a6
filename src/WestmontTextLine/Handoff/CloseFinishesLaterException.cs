namespace WestmontTextLine.Handoff;

/// <summary>
/// A staff member's close whose first write landed (the chat is closed) and whose rest failed with the store: her
/// closing text, and the chat taken off the inbox and off her record, are finished in the background once the store
/// answers (<see cref="UnfinishedCloses"/>). The console says so, not that nothing was done. The store's fault is inside.
/// </summary>
public sealed class CloseFinishesLaterException(Exception fault)
    : Exception($"The conversation is closed; the rest of its close waits for the store: {fault.Message}", fault);
