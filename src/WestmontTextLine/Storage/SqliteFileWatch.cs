namespace WestmontTextLine.Storage;

/// <summary>
/// Notices when the database file the line has open, or its WAL, is no longer the file at its path: deleted, moved
/// or replaced. SQLite goes on writing into an unlinked file without an error, and everything written there (opt-outs
/// among it) is gone at the next restart; a WAL deleted under it holds the changes not yet copied into the database,
/// lost if the line is then killed. On Linux an open file that was unlinked shows in /proc/self/fd as "path (deleted)".
/// </summary>
public sealed class SqliteFileWatch(string? databasePath)
{
    private const string ProcessFiles = "/proc/self/fd";

    /// <summary>
    /// Null when the files are where they were opened; else what happened to them. The WAL is looked at only once
    /// <paramref name="walWritten"/>: SQLite makes it when the file is first written.
    /// </summary>
    public SqliteFileProblem? Problem(bool walWritten = true)
    {
        if (databasePath is null) return null;
        if (!File.Exists(databasePath)) return Deleted(databasePath);
        var wal = databasePath + "-wal";
        if (walWritten && !File.Exists(wal)) return Wal($"the WAL {wal} was deleted or moved while open");
        if (!Directory.Exists(ProcessFiles)) return null;
        var known = Volatile.Read(ref _holding);
        var look = LookAt(known, wal, walWritten);
        if (look.Problem is not null || (look.HoldsDatabase && (look.HoldsWal || !walWritten))) return look.Problem;
        // A descriptor known before was closed (a reader's connection) or none was known yet: look at them all.
        look = LookAt(Directory.EnumerateFileSystemEntries(ProcessFiles).Select(Path.GetFileName).OfType<string>(), wal, walWritten);
        Volatile.Write(ref _holding, look.Holding);
        return look.Problem;
    }

    // The descriptors last seen holding the database or its WAL. Every connection holds both, the writer's for the
    // line's whole life, so reading those few links tells what reading them all did: a process has hundreds (a
    // socket for each connection), and reading all of them on every /healthz cost about 3 ms of CPU a poll.
    private IReadOnlyList<string> _holding = [];

    private Sighting LookAt(IEnumerable<string> descriptors, string wal, bool walWritten)
    {
        var unlinked = databasePath + " (deleted)";
        var unlinkedWal = wal + " (deleted)";
        var holding = new List<string>();
        bool holdsDatabase = false, holdsWal = false;
        foreach (var descriptor in descriptors)
        {
            string? target;
            try
            {
                target = new FileInfo(Path.Combine(ProcessFiles, descriptor)).LinkTarget;
            }
            catch (IOException)
            {
                continue; // closed meanwhile
            }
            if (target == unlinked) return new(Database(databasePath!, $"the database file {databasePath} was replaced while open"), holding, false, false);
            if (walWritten && target == unlinkedWal) return new(Wal($"the WAL {wal} was replaced while open"), holding, false, false);
            if (target == databasePath) holdsDatabase = true;
            else if (target == wal) holdsWal = true;
            else continue;
            holding.Add(descriptor);
        }
        return new(null, holding, holdsDatabase, holdsWal);
    }

    private readonly record struct Sighting(SqliteFileProblem? Problem, IReadOnlyList<string> Holding, bool HoldsDatabase, bool HoldsWal);

    // A graceful stop leaves the old file's WAL at the path (its checkpoint went to the unlinked file), and SQLite
    // would apply that WAL to whatever copy is put back.
    /// <summary>The database file at <paramref name="databasePath"/> is gone while the line has it open.</summary>
    public static SqliteFileProblem Deleted(string databasePath) =>
        Database(databasePath, $"the database file {databasePath} was deleted or moved while open");

    private static SqliteFileProblem Database(string databasePath, string what)
    {
        var name = Path.GetFileName(databasePath);
        return new(what, "Texts are answered, and opt-outs are kept on disk for the next start too (the opt-out spool beside the database), " +
            "but nothing else written from now on survives a restart. Stop the line; before starting it again " +
            $"on a copy put back, delete {name}-wal and {name}-shm beside it (they belong to the file that was there, and would damage the copy).");
    }

    // The line's connections still have the unlinked WAL open: a clean stop copies it into the database, kill -9 loses it.
    private static SqliteFileProblem Wal(string what) => new(what,
        "Texts are answered, but their changes not yet copied into the database are lost if the line is killed. Restart the line now " +
        "(a clean stop copies the open WAL's changes into the database).");

    /// <summary>The file's path from a connection string, or null for an in-memory database.</summary>
    public static string? PathOf(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        return SqliteConnectionStrings.IsInMemory(builder) ? null : Path.GetFullPath(builder.DataSource);
    }
}

/// <summary>What happened to the line's files (for /healthz), and what the operator should do (for the log).</summary>
public sealed record SqliteFileProblem(string What, string WhatToDo);
