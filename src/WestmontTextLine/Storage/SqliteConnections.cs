using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Storage;

/// <summary>How every connection to the line's SQLite file is opened: WAL, synchronous=NORMAL, short waits on a lock.</summary>
public static class SqliteConnections
{
    // Microsoft.Data.Sqlite retries a busy database until the command timeout (30 s by default): far past the
    // point where the texter should already have the fallback. A locked file must fail a write well inside the
    // conversation's 3 s budget, so that a texter given the fallback is not also moved on in the menu.
    public const int CommandTimeoutSeconds = 1;
    public const long WalSizeLimitBytes = 64L * 1024 * 1024;

    // SQLite's page cache is 2 MB a connection by default, held until the connection closes. The writer's is the one
    // that pays back (its commits touch the same b-tree pages again and again): it keeps SQLite's default, as held to
    // 1 MB the p99 was higher in 6 of 8 pairs. A reader's is reset whenever another connection has committed since its
    // last read, which under load is every read.
    public const int WriterCacheKibibytes = 2000;
    public const int ReaderCacheKibibytes = 256;

    /// <summary>
    /// Opens a connection; on a connection string made <see cref="SqliteConnectionStrings.OpeningOnly"/>, a file no
    /// longer at its path throws <see cref="SqliteFileGoneException"/>, whether it was gone at the open or went before
    /// the first read. With <paramref name="keepWalOnClose"/>, closing it never copies the WAL into the database
    /// (see <see cref="LeftoverWal"/>): set before the first read, so that even a failure in the settings below leaves
    /// the files as they were.
    /// </summary>
    public static SqliteConnection Open(string connectionString, bool keepWalOnClose = false, int cacheKibibytes = ReaderCacheKibibytes)
    {
        // BEGIN is run with the connection's default timeout, not a command's: it must give up as fast.
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = CommandTimeoutSeconds };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            if (keepWalOnClose) KeepWalOnClose(connection, true);
            // secure_delete: a FORGET or a retention sweep overwrites the deleted keyed hash in the file, so nobody
            // holding the privacy key can later confirm that a number used the line. journal_size_limit: a WAL reset by
            // a checkpoint is cut back to 64 MB instead of keeping its largest size.
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=1000; PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY; " +
                $"PRAGMA journal_size_limit={WalSizeLimitBytes}; PRAGMA cache_size=-{cacheKibibytes};");
        }
        // The open takes the file, the first read (these settings) finds its WAL and shared memory by their paths: a
        // file deleted between the two fails that read with "disk I/O error", which is the file gone too.
        catch (SqliteException ex) when (builder.Mode == SqliteOpenMode.ReadWrite &&
            SqliteFileWatch.PathOf(connectionString) is { } database && !File.Exists(database))
        {
            // The pool would hand this connection, or another taken before the delete, to the next open as it is.
            SqliteConnection.ClearPool(connection);
            connection.Dispose();
            throw new SqliteFileGoneException(SqliteFileWatch.Deleted(database), ex);
        }
        catch (SqliteException)
        {
            connection.Dispose();
            throw;
        }
        return connection;
    }

    /// <summary>Whether closing this connection, if it is the last one on the file, leaves the WAL as it is.</summary>
    public static void KeepWalOnClose(SqliteConnection connection, bool keep) =>
        SQLitePCL.raw.sqlite3_db_config(connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, keep ? 1 : 0, out _);

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = CommandTimeoutSeconds;
        command.ExecuteNonQuery();
    }

    /// <summary>A command prepared once on the connection and run many times, its named parameters added as NULL.</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = CommandTimeoutSeconds;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
        command.Prepare();
        return command;
    }
}
