using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// A write the writer commits alone (<see cref="ISqliteWrite.Alone"/>: the fold) runs in a transaction of its own, in
/// no savepoint: its failure still undoes all of itself and none of the saves queued with it.
/// </summary>
public sealed class SqliteWriteAloneTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly SqliteSessionLogOptions NeverFolds = SqliteSessionLogTests.NeverFolds;

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-alone-{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={_path}";

    [Fact]
    public async Task A_fold_queued_with_saves_commits_in_a_transaction_of_its_own()
    {
        await using var writer = new SqliteWriter(ConnectionString);
        await using var store = new SqliteSessionStore(writer, NeverFolds);
        await store.SaveAsync("folded", new Session("main", "en", Noon));
        var batches = new List<List<ISqliteWrite>>();
        writer.Applied = writes => batches.Add([.. writes]);

        Task<int> fold = null!;
        var saves = await SavesTakenWithAsync(writer, store, () => fold = store.FoldAsync(all: true));

        Assert.All(await Task.WhenAll(saves), Assert.True);
        Assert.True(await fold >= 1);
        var withFold = batches.Where(batch => batch.Any(write => write is not SqliteSessionStore.Save)).ToList();
        Assert.NotEmpty(withFold);
        Assert.All(withFold, batch => Assert.Single(batch));
    }

    [Fact]
    public async Task A_write_alone_that_fails_part_way_leaves_nothing_of_itself_and_the_saves_queued_with_it_land()
    {
        await using var writer = new SqliteWriter(ConnectionString);
        await using var store = new SqliteSessionStore(writer, NeverFolds);
        writer.Prepare(connection =>
        {
            SqliteConnections.Execute(connection, "CREATE TABLE IF NOT EXISTS scratch (id INTEGER PRIMARY KEY)");
            return true;
        });

        Task<int> failing = null!;
        var saves = await SavesTakenWithAsync(writer, store, () => failing = writer.WriteAsync(new WritesThenFails()));

        Assert.All(await Task.WhenAll(saves), Assert.True);
        Assert.Equal("after its row", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        Assert.Equal(0, Count("scratch"));
        Assert.Equal(21, Count("session_log"));
    }

    [Fact]
    public async Task A_fold_whose_log_row_is_gone_fails_whole_and_leaves_the_table_and_the_log_as_they_were()
    {
        await using var writer = new SqliteWriter(ConnectionString);
        await using var store = new SqliteSessionStore(writer, NeverFolds);
        foreach (var sender in new[] { "a", "b", "c" }) await store.SaveAsync(sender, new Session("main", "en", Noon));
        // Gone behind the log's back, as damage would take it: the log in memory still knows of it.
        writer.Prepare(connection =>
        {
            SqliteConnections.Execute(connection, "DELETE FROM session_log WHERE sender_key = 'b'");
            return true;
        });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => store.FoldAsync(all: true));

        Assert.Contains("missing from the file", failure.Message);
        Assert.Equal(0, Count("sessions")); // a, copied before b failed, was undone with the rest of the fold
        Assert.Equal(2, Count("session_log"));
    }

    /// <summary>
    /// 20 saves and what <paramref name="queue"/> queues, all while the writer is held on a save ahead of them, so that
    /// the writer takes them together once let go. Returns the 20 saves; the one ahead has committed.
    /// </summary>
    private static async Task<Task<bool>[]> SavesTakenWithAsync(SqliteWriter writer, SqliteSessionStore store, Action queue)
    {
        using var held = new SqliteWriterHeld(writer, write => write is SqliteSessionStore.Save);
        var ahead = store.SaveAsync("ahead", new Session("main", "en", Noon));
        await Eventually.TrueAsync(() => held.Held, "the writer held on the save ahead");
        Task<bool>[] saves = [.. Enumerable.Range(0, 20).Select(i => store.SaveAsync($"k{i}", new Session("main", "en", Noon)))];
        queue();
        held.LetGo();
        await ahead;
        return saves;
    }

    private long Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={_path};Mode=ReadOnly");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM {table}";
        return (long)count.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteFiles.Delete(_path);
    }

    /// <summary>Alone and isolated: writes its row, then fails, as a fold failing on its tenth sender would.</summary>
    private sealed class WritesThenFails : ISqliteWrite
    {
        public bool Isolated => true;

        public bool Alone => true;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            SqliteConnections.Execute(connection, "INSERT INTO scratch (id) VALUES (1)", transaction);
            throw new InvalidOperationException("after its row");
        }
    }
}
