using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Storage;

/// <summary>
/// The health row rewritten, and beside it rows <see cref="Pages"/> pages long written and deleted in the same
/// savepoint: it commits only if the file can take that many new pages, so its commit ends the fault. Its failure
/// undoes only itself and keeps the fault.
/// </summary>
internal sealed class SqliteRoomProbeWrite(SqliteHealthProbe probe, long pageSize) : ISqliteWrite
{
    /// <summary>
    /// How many new pages the room probe needs. Not one: a save that splits pages of two tables needs several, and the
    /// file's few free pages could take a small probe while texters' saves still failed.
    /// </summary>
    private const int Pages = 16;

    public bool Isolated => true;

    public bool ShowsRoom => true;

    public int Apply(SqliteConnection connection, SqliteTransaction transaction)
    {
        probe.Write(transaction);
        // Two rows in one statement: SQLite keeps a statement journal for it, so running out of room undoes only the
        // statement, and the savepoint's rollback then only the probe, not the texts in its batch.
        var half = Pages / 2 * pageSize;
        SqliteConnections.Execute(connection,
            $"INSERT OR REPLACE INTO health_probe (id, checked_at) VALUES (2, zeroblob({half})), (3, zeroblob({half})); DELETE FROM health_probe WHERE id IN (2, 3)",
            transaction);
        return 1;
    }
}
