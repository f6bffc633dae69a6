using System.Text;
using Microsoft.Data.Sqlite;
using WestmontTextLine.Records;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Records;

/// <summary>
/// The private-records contract on SQLite, on a temporary file, through a shared writer as the line has it: the other
/// "instance" is a second store over the same writer, which is how a second part of one process would write.
/// </summary>
public sealed class SqlitePrivateRecordsContractTests : DurablePrivateRecordsContract, IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-records-{Guid.NewGuid():N}.db");
    private readonly List<IAsyncDisposable> _opened = [];
    private SqlitePrivateRecords _records;
    private SqlitePrivateRecords _other;

    public SqlitePrivateRecordsContractTests() => (_records, _other) = Open();

    protected override IPrivateRecords Records => _records;

    protected override IPrivateRecords OtherInstance => _other;

    protected override IPrivateRecords Restart()
    {
        (_records, _other) = Open();
        return _records;
    }

    private (SqlitePrivateRecords, SqlitePrivateRecords) Open()
    {
        var writer = new SqliteWriter($"Data Source={_path}");
        var records = new SqlitePrivateRecords(writer);
        var other = new SqlitePrivateRecords(writer);
        _opened.AddRange([records, other, writer]);
        return (records, other);
    }

    [Fact]
    public async Task Records_share_the_writer_with_the_sessions_in_one_file()
    {
        var writer = new SqliteWriter($"Data Source={_path}");
        _opened.Add(writer);
        await using var sessions = new SqliteSessionStore(writer);
        var records = new SqlitePrivateRecords(writer);
        _opened.Add(records);

        var written = await Task.WhenAll(
            sessions.SaveAsync("0123abcd", new Session("main", "en", Now)),
            records.TryPutAsync(Kind, "0123abcd", [1], 0, null, Now));

        Assert.All(written, Assert.True);
        Assert.NotNull(await sessions.LoadAsync("0123abcd"));
        Assert.NotNull(await records.GetAsync(Kind, "0123abcd", Now));
    }

    [Fact]
    public async Task A_failing_record_write_never_undoes_the_sessions_committed_with_it()
    {
        var writer = new SqliteWriter($"Data Source={_path}");
        _opened.Add(writer);
        await using var sessions = new SqliteSessionStore(writer);
        var records = new SqlitePrivateRecords(writer);
        _opened.Add(records);
        writer.Prepare(connection =>
        {
            SqliteConnections.Execute(connection, "DROP TABLE private_records");
            return true;
        });

        var saves = Enumerable.Range(0, 20).Select(i => sessions.SaveAsync($"k{i}", new Session("main", "en", Now))).ToList();
        var failing = records.TryPutAsync(Kind, NewKey(), [1], 0, null, Now);
        await Task.WhenAll(saves);

        await Assert.ThrowsAsync<SqliteException>(() => failing);
        await using var reopened = new SqliteSessionStore($"Data Source={_path}");
        for (var i = 0; i < 20; i++) Assert.NotNull(await reopened.LoadAsync($"k{i}"));
    }

    [Fact]
    public async Task A_purge_of_a_backlog_larger_than_one_batch_removes_it_all()
    {
        var count = SqlitePrivateRecords.PurgeBatch * 2 + 7;
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => Records.TryPutAsync(Kind, $"k{i}", [1], 0, Now.AddMinutes(1), Now)));
        await Records.TryPutAsync(Kind, "live", [1], 0, Now.AddDays(1), Now);

        Assert.Equal(count, await Records.PurgeExpiredAsync(Now.AddMinutes(1)));

        Assert.Equal(0, await Records.PurgeExpiredAsync(Now.AddMinutes(1)));
        Assert.NotNull(await Records.GetAsync(Kind, "live", Now.AddMinutes(1)));
    }

    [Fact]
    public async Task Deleted_purged_and_overwritten_payloads_are_overwritten_in_the_database_files()
    {
        var deletedKey = NewKey();
        var deleted = Marker("deleted");
        var purged = Marker("purged");
        var overwritten = Marker("overwritten");
        var kept = Marker("kept");
        await Records.TryPutAsync(Kind, deletedKey, deleted, 0, null, Now);
        await Records.TryPutAsync(Kind, NewKey(), purged, 0, Now.AddMinutes(1), Now);
        var rewritten = NewKey();
        await Records.TryPutAsync(Kind, rewritten, overwritten, 0, null, Now);
        await Records.TryPutAsync(Kind, NewKey(), kept, 0, null, Now);
        SqliteFiles.Checkpoint(_path);
        foreach (var payload in new[] { deleted, purged, overwritten, kept }) Assert.True(SqliteFiles.Contain(_path, payload), "the test must see each payload first");
        Assert.True(SqliteFiles.Contain(_path, Encoding.ASCII.GetBytes(deletedKey)), "the test must see the key first");

        await Records.DeleteAsync(Kind, deletedKey);
        await Records.PurgeExpiredAsync(Now.AddMinutes(1));
        await Records.TryPutAsync(Kind, rewritten, Marker("new"), 1, null, Now);
        SqliteFiles.Checkpoint(_path);

        Assert.False(SqliteFiles.Contain(_path, deleted), "a deleted payload is still in the database files");
        Assert.False(SqliteFiles.Contain(_path, Encoding.ASCII.GetBytes(deletedKey)), "a deleted record's key is still in the database files");
        Assert.False(SqliteFiles.Contain(_path, purged), "a purged payload is still in the database files");
        Assert.False(SqliteFiles.Contain(_path, overwritten), "an overwritten payload is still in the database files");
        Assert.True(SqliteFiles.Contain(_path, kept));
    }

    [Fact]
    public async Task A_deleted_payload_larger_than_a_page_is_overwritten_in_the_database_files()
    {
        // Past a page, a payload spills onto overflow pages, which a delete hands to the free list.
        var key = NewKey();
        var tail = Marker("tail");
        var payload = new byte[20_000];
        new Random(17).NextBytes(payload);
        tail.CopyTo(payload, payload.Length - tail.Length);
        await Records.TryPutAsync(Kind, key, payload, 0, null, Now);
        await Records.TryPutAsync(Kind, NewKey(), [1], 0, null, Now);
        SqliteFiles.Checkpoint(_path);
        Assert.True(SqliteFiles.Contain(_path, tail), "the test must see the payload's end first");

        await Records.DeleteAsync(Kind, key);
        SqliteFiles.Checkpoint(_path);

        Assert.False(SqliteFiles.Contain(_path, tail), "the end of a deleted large payload is still in the database files");
    }

    private static byte[] Marker(string what) => Encoding.ASCII.GetBytes($"{what}-{Guid.NewGuid():N}");

    public async ValueTask DisposeAsync()
    {
        foreach (var opened in _opened) await opened.DisposeAsync();
        SqliteFiles.Delete(_path);
    }
}
