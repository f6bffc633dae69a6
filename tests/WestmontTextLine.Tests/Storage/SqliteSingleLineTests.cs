using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>One copy of the line per SQLite file, whatever happens to the files beside it.</summary>
public sealed class SqliteSingleLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("textline-single-").FullName;

    private string DatabasePath => Path.Combine(_folder, "textline.db");
    private string ConnectionString => $"Data Source={DatabasePath}";

    // Found from outside: rm textline.db.lock (an empty file, easy to take for a leftover) let a second copy start,
    // and 552 of 1226 texts then got the fallback while both copies said Healthy.
    [Fact]
    public async Task A_second_copy_is_refused_even_when_every_file_beside_the_database_is_deleted()
    {
        using var first = SqliteSingleLine.Take(ConnectionString);
        await using (var writer = new SqliteWriter(ConnectionString)) await writer.PingAsync();
        foreach (var beside in Directory.GetFiles(_folder).Where(file => file != DatabasePath)) File.Delete(beside);

        var refused = Assert.Throws<StorageUnavailableException>(() => SqliteSingleLine.Take(ConnectionString));

        Assert.StartsWith($"Storage:ConnectionString: another copy of the line is already running on {DatabasePath}.", refused.Message);
    }

    // Seen in CI: a restarted line found the lock still held by the copy a moment from stopping, and refused to start.
    [Fact]
    public void A_copy_that_stops_while_the_next_one_waits_for_it_hands_the_database_over()
    {
        var first = SqliteSingleLine.Take(ConnectionString);
        SqliteSingleLine? next = null;
        Exception? refused = null;
        var taking = new Thread(() =>
        {
            try { next = SqliteSingleLine.Take(ConnectionString); }
            catch (Exception ex) { refused = ex; }
        });
        taking.Start();

        // Sleeping between tries, it has found the lock held and not given up.
        Assert.True(SpinWait.SpinUntil(() => !taking.IsAlive || (taking.ThreadState & ThreadState.WaitSleepJoin) != 0, TimeSpan.FromSeconds(30)),
            "the next copy neither waited nor finished");
        Assert.True(taking.IsAlive, $"the next copy did not wait for the first: {refused?.Message}");
        first.Dispose();
        Assert.True(taking.Join(TimeSpan.FromSeconds(30)), "the next copy never finished taking the database");

        Assert.Null(refused);
        Assert.NotNull(next);
        next.Dispose();
    }

    [Fact]
    public void The_next_copy_takes_the_database_once_the_first_has_stopped()
    {
        SqliteSingleLine.Take(ConnectionString).Dispose();

        using var next = SqliteSingleLine.Take(ConnectionString);
    }

    [Fact]
    public async Task The_claim_creates_a_missing_database_as_an_empty_one_the_writer_uses()
    {
        using var claim = SqliteSingleLine.Take(ConnectionString);
        Assert.Equal(0, new FileInfo(DatabasePath).Length);

        await using (var writer = new SqliteWriter(ConnectionString)) await writer.PingAsync();

        using var connection = new SqliteConnection($"{ConnectionString};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    // Found from outside: after rm textline.db, a restart created a new empty database in silence, and the senders
    // who had sent STOP were welcomed again.
    [Fact]
    public async Task A_deleted_database_with_its_WAL_beside_it_is_refused_and_not_created_afresh()
    {
        await using (var writer = new SqliteWriter(ConnectionString))
        {
            await writer.PingAsync();
            // As kill -9 leaves it, with the database deleted before or after.
            File.Copy(DatabasePath + "-wal", DatabasePath + ".kept-wal");
        }
        SqliteConnection.ClearAllPools();
        File.Delete(DatabasePath);
        File.Move(DatabasePath + ".kept-wal", DatabasePath + "-wal", overwrite: true);

        var refused = Assert.Throws<StorageUnavailableException>(() => SqliteSingleLine.Take(ConnectionString));

        Assert.Equal($"Storage:ConnectionString: the SQLite database {DatabasePath} is missing, but its textline.db-wal or textline.db-shm is beside it: " +
            "the database was deleted or moved, and a new, empty one would lose every opt-out and check-in. Restore textline.db from a copy " +
            "(delete textline.db-wal and textline.db-shm first), or, to start afresh on purpose, delete textline.db-wal and textline.db-shm.", refused.Message);
        Assert.False(File.Exists(DatabasePath));
    }

    // Seen from outside too: the WAL deleted under the running line, then kill -9 and rm textline.db left only the -shm.
    [Fact]
    public void A_deleted_database_with_only_its_shared_memory_file_beside_it_is_refused()
    {
        File.WriteAllBytes(DatabasePath + "-shm", new byte[32 * 1024]);

        var refused = Assert.Throws<StorageUnavailableException>(() => SqliteSingleLine.Take(ConnectionString));

        Assert.StartsWith($"Storage:ConnectionString: the SQLite database {DatabasePath} is missing", refused.Message);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public void A_first_start_beside_an_empty_WAL_creates_the_database()
    {
        File.WriteAllBytes(DatabasePath + "-wal", []);

        using var claim = SqliteSingleLine.Take(ConnectionString);

        Assert.True(File.Exists(DatabasePath));
    }

    // Found from outside: on a read-only file system the line said "another copy of the line is already running",
    // and the operator went looking for a process that did not exist.
    [Fact]
    public void A_database_the_line_cannot_open_for_writing_is_refused_as_such_not_as_another_copy()
    {
        Directory.CreateDirectory(DatabasePath);

        var refused = Assert.Throws<StorageUnavailableException>(() => SqliteSingleLine.Take(ConnectionString));

        Assert.StartsWith($"Storage:ConnectionString: cannot open the SQLite database {DatabasePath} for reading and writing", refused.Message);
        Assert.Contains("Make the file and its folder writable by this process (on a read-only file system, mount it read-write)", refused.Message);
        Assert.DoesNotContain("another copy", refused.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
