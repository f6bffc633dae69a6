namespace WestmontTextLine.Storage;

/// <summary>
/// Which of the session log's rows are due for folding: those appended at or before <see cref="DueBy"/> (the store's
/// clock, in milliseconds), and any row while more than <see cref="MaxBacklog"/> wait. The one definition of "due",
/// for the fold and for the timer's question whether to start one: when the two disagreed about a row appended exactly
/// the fold's delay ago, the timer started folds that took nothing, each a commit of its own on the writer.
/// </summary>
internal readonly record struct FoldCutoff(long DueBy, long MaxBacklog)
{
    /// <summary>Every row, whatever its age.</summary>
    public static FoldCutoff Everything => new(long.MaxValue, 0);

    /// <summary>Whether a row appended at <paramref name="appendedAt"/> is due, with <paramref name="rowsWaiting"/> rows unfolded from it on.</summary>
    public bool Takes(long appendedAt, long rowsWaiting) => appendedAt <= DueBy || rowsWaiting > MaxBacklog;
}
