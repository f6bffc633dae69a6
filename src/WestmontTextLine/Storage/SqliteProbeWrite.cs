using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Storage;

/// <summary>The health row rewritten through the writer, in its next batch.</summary>
internal sealed class SqliteProbeWrite(SqliteHealthProbe probe) : ISqliteWrite
{
    public int Apply(SqliteConnection connection, SqliteTransaction transaction)
    {
        probe.Write(transaction);
        return 1;
    }
}
