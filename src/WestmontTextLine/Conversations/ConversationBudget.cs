namespace WestmontTextLine.Conversations;

/// <summary>
/// How long storage may take over one text before the texter gets the fallback, when not the line's own
/// <see cref="ConversationService.StorageBudget"/>; read as each text starts. The line registers none; tests do, where a
/// loaded machine's slow first text must not turn the answer a test is about into the fallback, and where only the one
/// text that meets a frozen Redis is to run on the line's own budget.
/// </summary>
public sealed class ConversationBudget(Func<TimeSpan> storage)
{
    public ConversationBudget(TimeSpan storage) : this(() => storage)
    {
    }

    /// <summary>The budget of a text that starts now.</summary>
    public TimeSpan Storage => storage();
}
