namespace WestmontTextLine.Conversations;

/// <summary>
/// How long storage may take over one text before the texter gets the fallback, when not the line's own
/// <see cref="ConversationService.StorageBudget"/>. The line registers none; tests do, where a loaded machine's slow
/// first text must not turn the answer a test is about into the fallback.
/// </summary>
public sealed record ConversationBudget(TimeSpan Storage);
