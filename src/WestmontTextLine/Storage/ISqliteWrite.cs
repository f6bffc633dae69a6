using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Storage;

/// <summary>One change to the SQLite file, for the shared <see cref="SqliteWriter"/> to commit with the others waiting.</summary>
public interface ISqliteWrite
{
    /// <summary>
    /// Runs in the writer's transaction, on the writer's connection; its result is what the caller gets back. A
    /// failure fails the whole batch (every caller in it gets the exception), unless the write is isolated.
    /// </summary>
    int Apply(SqliteConnection connection, SqliteTransaction transaction);

    /// <summary>Runs once the transaction has committed, on the writer's thread, in commit order.</summary>
    void Committed(int result)
    {
    }

    /// <summary>
    /// Runs instead of <see cref="Committed"/> when the write did not commit: its batch failed, or its own savepoint
    /// was rolled back. On the writer's thread. For a write that keeps state beside the file.
    /// </summary>
    void RolledBack()
    {
    }

    /// <summary>
    /// Its failure (other than a busy or locked file) undoes only itself: in its own savepoint, or, alone in its
    /// transaction, in none.
    /// </summary>
    bool Isolated => false;

    /// <summary>
    /// Committed in a transaction of its own, after the batch it was taken with, and so in no savepoint: for an isolated
    /// write that changes many pages (a fold), each of which a savepoint copies into SQLite's sub-journal first.
    /// </summary>
    bool Alone => false;

    /// <summary>
    /// Whether its commit shows that a texter's writes go through again, ending a full disk's or an I/O error's fault
    /// (<see cref="SqliteWriteFaults"/>): the writes that add a texter's data. Not maintenance that can fit in the
    /// pages the file already has (a fold, a claim, a deletion, a count): one of those committing while every new
    /// texter's save still failed made /healthz report a full disk as healthy.
    /// </summary>
    bool ShowsRoom => false;
}
