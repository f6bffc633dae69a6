using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Storage;

/// <summary>
/// The read side of a SQLite user beside the shared <see cref="SqliteWriter"/>: its prepared rows on a connection of
/// their own, one read at a time (prepared statements are not thread-safe). Reads see what is committed.
/// </summary>
internal sealed class SqliteReader<TRows> : IDisposable where TRows : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TRows _rows;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SqliteReader(string connectionString, Func<SqliteConnection, TRows> prepare)
    {
        _connection = SqliteConnections.Open(connectionString);
        _rows = prepare(_connection);
    }

    public async Task<T> ReadAsync<T>(Func<TRows, T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return read(_rows);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _rows.Dispose();
        _connection.Dispose();
        _gate.Dispose();
    }
}
