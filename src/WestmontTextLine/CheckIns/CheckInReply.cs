using WestmontTextLine.Flows;

namespace WestmontTextLine.CheckIns;

/// <summary>The check-in's answer to a text: what to reply, and the keyword it counts as.</summary>
public sealed record CheckInReply(string Text, KeywordAction Keyword, string Label)
{
    /// <summary>
    /// What is done only once her session is saved with this reply: a text run again after a version conflict is
    /// answered again, and this must happen once, for the run whose session was saved.
    /// </summary>
    public Func<CancellationToken, Task>? OnceSaved { get; init; }

    /// <summary>
    /// What undoes this reply's changes outside her session when her session is never saved with it (she got the
    /// fallback, "text again"): run once the line has given up on the text.
    /// </summary>
    public Action? IfNeverSaved { get; init; }

    /// <summary>This reply, with <paramref name="count"/> (a usage count) done once her session is saved with it.</summary>
    public CheckInReply CountedOnceSaved(Action count) => this with
    {
        OnceSaved = _ =>
        {
            count();
            return Task.CompletedTask;
        },
    };

    public static CheckInReply Of(string text, string label, KeywordAction keyword = KeywordAction.None) => new(text, keyword, label);
}
