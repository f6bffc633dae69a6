namespace WestmontTextLine.Storage;

/// <summary>When the session log is folded into the sessions table (<see cref="SqliteSessionStore"/>).</summary>
/// <param name="FoldAfter">
/// How long a change waits in the log before it is folded. A sender's further changes meanwhile fold as one write
/// to the table: a conversation is a burst of texts. Longer saves more writes, and holds more senders in memory
/// and more rows to read back after a crash.
/// </param>
/// <param name="FoldInterval">How often the store checks for due rows.</param>
/// <param name="RowsPerFold">
/// The most rows one fold takes: each fold is one savepoint in a batch of replies, which wait for it. 64 rather than
/// 256: the same rows folded in shorter stops, which took 1-2 ms off the p99 under load (bench/README.md).
/// </param>
/// <param name="MaxBacklogRows">Past this many unfolded rows, rows are folded whatever their age: bounds memory and the read-back.</param>
/// <param name="FoldOnClose">Disposing the store folds every row (a clean stop); off only in tests that stop as a crash would.</param>
internal sealed record SqliteSessionLogOptions(
    TimeSpan FoldAfter, TimeSpan FoldInterval, int RowsPerFold, long MaxBacklogRows, bool FoldOnClose = true)
{
    public static readonly SqliteSessionLogOptions Default = new(
        FoldAfter: TimeSpan.FromSeconds(5), FoldInterval: TimeSpan.FromMilliseconds(100), RowsPerFold: 64,
        MaxBacklogRows: Math.Min(100_000, 2L * SqliteSessionStore.MaxCachedSessions));

    /// <summary>For a store whose file is thrown away (the start-up warm-up): no fold, not even on close.</summary>
    public static readonly SqliteSessionLogOptions NeverFolds = new(
        FoldAfter: TimeSpan.FromDays(1), FoldInterval: Timeout.InfiniteTimeSpan, RowsPerFold: 1, MaxBacklogRows: long.MaxValue, FoldOnClose: false);
}
