using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The retention sweep after a flood, or after the line was stopped a while: many sessions idle at once. It deletes
/// them a batch at a time, each in its own commit, so a text's save is not held behind the whole sweep (in one
/// transaction, 600,000 idle sessions held the writer about 10 seconds: every text got the fallback).
/// </summary>
public sealed class SqliteRetentionInBatchesTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2027, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private const int Idle = 5 * SqliteSessionStore.PurgeBatch + 7;
    private const int IdleOptOuts = SqliteSessionStore.PurgeBatch + 500;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-retention-batches-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_text_saved_while_the_sweep_runs_is_committed_before_the_sweep_ends()
    {
        SeedIdleSessions();
        await using var store = new SqliteSessionStore($"Data Source={_path}");

        var sweep = store.PurgeIdleAsync(Noon.AddDays(-30));
        Assert.True(await store.SaveAsync("texter-now", new Session("main", "en", Noon)));

        Assert.False(sweep.IsCompleted, "the text's save waited for the whole sweep");
        Assert.Equal(Idle + IdleOptOuts, await sweep);
        Assert.NotNull(await store.LoadAsync("texter-now"));
        Assert.Null(await store.LoadAsync("idle-0"));
        var optOut = await store.LoadAsync("opted-out-0");
        Assert.NotNull(optOut);
        Assert.True(optOut.OptedOut);
        Assert.Null(optOut.LastReply);
        Assert.Equal(0, await store.PurgeIdleAsync(Noon.AddDays(-30)));
    }

    /// <summary>Rows as a year-old line holds them, written straight into the file (a store made the tables).</summary>
    private void SeedIdleSessions()
    {
        new SqliteSessionStore($"Data Source={_path}").Dispose();
        using var connection = new SqliteConnection($"Data Source={_path}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO sessions (sender_key, node, language, last_activity, opted_out, last_message_sid, last_reply, version)
            VALUES ($key, 'main', 'en', $at, $optedOut, 'SM00000000000000000000000000000001', 'a reply', 1)
            """;
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var optedOut = insert.Parameters.Add("$optedOut", SqliteType.Integer);
        insert.Parameters.AddWithValue("$at", Noon.AddDays(-40).ToUnixTimeMilliseconds());
        for (var i = 0; i < Idle + IdleOptOuts; i++)
        {
            var isOptOut = i >= Idle;
            key.Value = isOptOut ? $"opted-out-{i - Idle}" : $"idle-{i}";
            optedOut.Value = isOptOut ? 1 : 0;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public void Dispose() => SqliteFiles.Delete(_path);
}
