using System.Globalization;
using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Storage;

/// <summary>
/// Usage counts in the line's SQLite file, table usage(day, metric, count), written through the shared writer in
/// their own savepoint (a failing count never undoes the sessions committed with it), and read on a connection of
/// their own.
/// </summary>
public sealed class SqliteUsageCounter : IUsageCounter, IDisposable
{
    private const string DayFormat = "yyyy-MM-dd";

    private readonly SqliteWriter _writer;
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SqliteUsageCounter(SqliteWriter writer)
    {
        _writer = writer;
        writer.Prepare(connection =>
        {
            SqliteConnections.Execute(connection, SqliteSchema.CreateUsage);
            return true;
        });
        _connection = SqliteConnections.Open(writer.ConnectionString);
    }

    public async Task IncrementAsync(DateOnly day, IReadOnlyList<string> metrics, CancellationToken cancellationToken = default)
    {
        if (metrics.Count == 0) return;
        await _writer.WriteAsync(new Increment(day, metrics.CountBy(m => m).ToList()), cancellationToken);
    }

    private sealed record Increment(DateOnly Day, List<KeyValuePair<string, int>> Counts) : ISqliteWrite
    {
        public bool Isolated => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            Upsert(connection, transaction, Day, Counts);
            return 1;
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

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }
}
