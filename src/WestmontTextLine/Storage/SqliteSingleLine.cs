using Microsoft.Win32.SafeHandles;

namespace WestmontTextLine.Storage;

/// <summary>
/// One running line per SQLite file. A second copy on the same file (an old one never stopped, a deploy that starts
/// the new one first) would answer from its own memory of the sessions, behind the first one's changes: a texter who
/// sent STOP to one could be answered by the other. The line holds an exclusive lock on a byte of the database file
/// itself (<see cref="OpenFileLock"/>; a lock file beside it was deleted as an empty leftover, and a second copy then
/// started), waiting a moment for a copy that is still stopping. The operator tools (check, stats, staff) do not take
/// it, and work beside a running line.
/// </summary>
public sealed class SqliteSingleLine : IDisposable
{
    /// <summary>The lock file beside the database where the lock on a byte of it is not available (not Linux).</summary>
    public const string Suffix = ".lock";

    /// <summary>Past the bytes SQLite itself locks in every database file (1 GB to 1 GB + 511), so neither waits on the other.</summary>
    internal const long ClaimedByte = 0x4000_0000 + 1024;

    private readonly IDisposable? _held;

    private SqliteSingleLine(IDisposable? held, string? database = null, bool created = false)
    {
        _held = held;
        Database = database;
        Created = created;
    }

    /// <summary>The database file's full path; null for an in-memory database.</summary>
    public string? Database { get; }

    /// <summary>
    /// The file did not exist, or was empty, before this claim: a new database. On a first start that is expected;
    /// after that it means Storage:ConnectionString names another file than the one the line used.
    /// </summary>
    public bool Created { get; }

    /// <summary>How long a new copy waits for one that is still stopping (a restart) to let go of the file.</summary>
    public static readonly TimeSpan WaitForTheOther = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Takes the lock, or throws when another copy of the line holds it or the file cannot be opened for writing. An
    /// in-memory database has none. A missing database file is created empty (an empty file is an empty database),
    /// unless its WAL shows it was deleted (<see cref="MissingDatabase"/>).
    /// </summary>
    public static SqliteSingleLine Take(string connectionString)
    {
        if (SqliteFileWatch.PathOf(connectionString) is not { } database) return new SqliteSingleLine(null);
        MissingDatabase.RefuseIfDeleted(database);
        var created = !File.Exists(database) || new FileInfo(database).Length == 0;
        OwnerOnlyDatabaseFile.CreateIfNew(database);
        if (!OpenFileLock.IsSupported) return new SqliteSingleLine(TakeLockFile(database), database, created);
        var file = OpenForWriting(database);
        var giveUpAt = Environment.TickCount64 + (long)WaitForTheOther.TotalMilliseconds;
        while (!OpenFileLock.TryTake(file, ClaimedByte))
        {
            if (Environment.TickCount64 >= giveUpAt)
            {
                file.Dispose();
                throw AnotherCopy(database, null);
            }
            Thread.Sleep(50);
        }
        return new SqliteSingleLine(file, database, created);
    }

    private static SafeFileHandle OpenForWriting(string database)
    {
        try
        {
            return File.OpenHandle(database, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException(
                $"Storage:ConnectionString: cannot open the SQLite database {database} for reading and writing ({ex.Message}). " +
                "Make the file and its folder writable by this process (on a read-only file system, mount it read-write), " +
                "or point Storage:ConnectionString elsewhere.", ex);
        }
    }

    private static FileStream TakeLockFile(string database)
    {
        var giveUpAt = Environment.TickCount64 + (long)WaitForTheOther.TotalMilliseconds;
        while (true)
        {
            try
            {
                return new FileStream(database + Suffix, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException && Environment.TickCount64 < giveUpAt)
            {
                Thread.Sleep(50);
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
            {
                throw AnotherCopy(database, ex);
            }
        }
    }

    private static StorageUnavailableException AnotherCopy(string database, Exception? inner) => new(
        $"Storage:ConnectionString: another copy of the line is already running on {database}. One copy of the line " +
        "serves a SQLite file: stop the other one first, or run several copies on Redis (Storage:Provider=Redis).", inner);

    /// <summary>
    /// Last, after the writer: closing any handle on the database drops the classic locks SQLite holds on it in this
    /// process (the container disposes this first-made service last).
    /// </summary>
    public void Dispose() => _held?.Dispose();
}
