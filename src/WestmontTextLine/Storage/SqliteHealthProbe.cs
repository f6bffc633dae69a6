using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Storage;

/// <summary>
/// The health row on the writer's connection, rewritten to prove a write reaches the file: at start, and for /healthz
/// through the writer (<see cref="SqliteProbeWrite"/>, <see cref="SqliteRoomProbeWrite"/>).
/// </summary>
internal sealed class SqliteHealthProbe : IDisposable
{
    private readonly SqliteCommand _command;

    public SqliteHealthProbe(SqliteConnection connection)
    {
        SqliteConnections.Execute(connection, SqliteSchema.CreateHealthProbe);
        _command = connection.CreateCommand();
        _command.CommandText = "INSERT OR REPLACE INTO health_probe (id, checked_at) VALUES (1, $now)";
        _command.Parameters.Add(new SqliteParameter("$now", 0L));
    }

    public void Write(SqliteTransaction transaction)
    {
        _command.Transaction = transaction;
        _command.Parameters[0].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
