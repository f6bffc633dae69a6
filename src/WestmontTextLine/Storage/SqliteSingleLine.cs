namespace WestmontTextLine.Storage;

/// <summary>
/// One running line per SQLite file. A second copy on the same file (an old one never stopped, a deploy that starts
/// the new one first) would answer from its own memory of the sessions, behind the first one's changes: a texter who
/// sent STOP to one could be answered by the other. The line holds an exclusive lock on a file beside the database
/// (<c>textline.db.lock</c>; on Linux an flock, which the kernel lets go when the process dies, even by kill -9),
/// waiting a moment for a copy that is still stopping. The operator tools (check, stats, staff) do not take it, and
/// work beside a running line.
/// </summary>
public sealed class SqliteSingleLine : IDisposable
{
    public const string Suffix = ".lock";

    private readonly FileStream? _lock;

    private SqliteSingleLine(FileStream? held) => _lock = held;

    /// <summary>How long a new copy waits for one that is still stopping (a restart) to let go of the file.</summary>
    public static readonly TimeSpan WaitForTheOther = TimeSpan.FromSeconds(3);

    /// <summary>Takes the lock, or throws when another copy of the line holds it. An in-memory database has none.</summary>
    public static SqliteSingleLine Take(string connectionString)
    {
        if (SqliteFileWatch.PathOf(connectionString) is not { } database) return new SqliteSingleLine(null);
        var giveUpAt = Environment.TickCount64 + (long)WaitForTheOther.TotalMilliseconds;
        while (true)
        {
            try
            {
                return new SqliteSingleLine(new FileStream(database + Suffix, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
            {
                if (Environment.TickCount64 < giveUpAt)
                {
                    Thread.Sleep(50);
                    continue;
                }
                throw new StorageUnavailableException(
                    $"Storage:ConnectionString: another copy of the line is already running on {database}. One copy of the line " +
                    "serves a SQLite file: stop the other one first, or run several copies on Redis (Storage:Provider=Redis).", ex);
            }
        }
    }

    public void Dispose() => _lock?.Dispose();
}
