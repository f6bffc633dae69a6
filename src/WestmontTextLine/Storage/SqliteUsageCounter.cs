using System.Globalization;
using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Storage;

/// <summary>
/// Usage counts in the sessions' SQLite file, table usage(day, metric, count). When the line runs, counts are
/// written through the session store's writer, inside its group commit, so the file keeps a single writer and a
/// session save never waits on this connection's lock. Standing alone (the stats command), it writes itself.
/// </summary>
public sealed class SqliteUsageCounter : IUsageCounter, IDisposable
{
    private const string DayFormat = "yyyy-MM-dd";

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private readonly SqliteSessionStore? _sessionWriter;

    public SqliteUsageCounter(string connectionString, SqliteSessionStore? sessionWriter = null)
    {
        _sessionWriter = sessionWriter;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=2000;");
        Execute(SqliteSchema.CreateUsage);
    }

    public async Task IncrementAsync(DateOnly day, IReadOnlyList<string> metrics, CancellationToken cancellationToken = default)
    {
        if (metrics.Count == 0) return;
        var counts = metrics.CountBy(m => m).ToList();
        if (_sessionWriter is not null)
        {
            await _sessionWriter.WriteAlongAsync((connection, transaction) => Upsert(connection, transaction, day, counts), cancellationToken);
            return;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var transaction = _connection.BeginTransaction();
            Upsert(_connection, transaction, day, counts);
            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    private static void Upsert(SqliteConnection connection, SqliteTransaction transaction, DateOnly day, List<KeyValuePair<string, int>> counts)
    {
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO usage (day, metric, count) VALUES ($day, $metric, $add)
            ON CONFLICT (day, metric) DO UPDATE SET count = count + excluded.count
            """;
        var dayParameter = upsert.Parameters.Add("$day", SqliteType.Text);
        var metricParameter = upsert.Parameters.Add("$metric", SqliteType.Text);
        var addParameter = upsert.Parameters.Add("$add", SqliteType.Integer);
        dayParameter.Value = day.ToString(DayFormat, CultureInfo.InvariantCulture);
        foreach (var (metric, add) in counts)
        {
            metricParameter.Value = metric;
            addParameter.Value = add;
            upsert.ExecuteNonQuery();
        }
    }

    public async Task<IReadOnlyList<UsageCount>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var query = _connection.CreateCommand();
            query.CommandText = "SELECT day, metric, count FROM usage WHERE day >= $from AND day <= $to ORDER BY day, metric";
            query.Parameters.AddWithValue("$from", from.ToString(DayFormat, CultureInfo.InvariantCulture));
            query.Parameters.AddWithValue("$to", to.ToString(DayFormat, CultureInfo.InvariantCulture));
            using var reader = query.ExecuteReader();
            var counts = new List<UsageCount>();
            while (reader.Read())
            {
                var day = DateOnly.ParseExact(reader.GetString(0), DayFormat, CultureInfo.InvariantCulture);
                counts.Add(new UsageCount(day, reader.GetString(1), reader.GetInt64(2)));
            }
            return counts;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }
}
