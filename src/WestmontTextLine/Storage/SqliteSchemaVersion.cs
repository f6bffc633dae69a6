using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Storage;

/// <summary>
/// The database's schema version, in SQLite's <c>PRAGMA user_version</c>. Builds before this one left it at 0; every
/// start makes what it lacks (tables with <c>CREATE TABLE IF NOT EXISTS</c>, session columns with
/// <see cref="SqliteSchema.AddedColumns"/>) and records <see cref="Current"/>. A file a newer build marked with a
/// higher version is refused, untouched: this build would not read what that one added (found from outside: a build
/// without the session log, started on a database a newer build had left after kill -9, answered from older rows and
/// welcomed a texter who had sent STOP).
/// </summary>
public static class SqliteSchemaVersion
{
    /// <summary>
    /// The version this build writes. Raise it with a change an earlier build would misread or leave unread (a table
    /// that holds the newest state, a changed column); a new table or column that an earlier build may ignore needs none.
    /// </summary>
    public const long Current = 1;

    public static long Read(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Refuses a file of a newer schema; marks an earlier one with <see cref="Current"/>.</summary>
    public static void Claim(SqliteConnection connection, string? databasePath)
    {
        var stored = Read(connection);
        if (stored > Current)
        {
            throw new StorageUnavailableException(
                $"Storage:ConnectionString: the SQLite database {databasePath ?? "(in memory)"} was written by a newer build of " +
                $"the line (schema {stored}; this build knows {Current}), whose data this build would not read. Run that build " +
                "again, or put back the copy taken before the upgrade (README, \"Upgrading, going back, and keys\").");
        }
        if (stored < Current) SqliteConnections.Execute(connection, $"PRAGMA user_version = {Current}");
    }
}
