using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>The running line notices when its files at their paths are no longer the ones it writes.</summary>
public sealed class SqliteFileWatchTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("textline-watch-").FullName;
    private readonly CapturedLogs _logs = new();

    private string DatabasePath => Path.Combine(_folder, "textline.db");

    [Fact]
    public async Task A_replaced_database_file_is_unhealthy_and_logged_with_how_to_put_a_copy_back()
    {
        await using var writer = new SqliteWriter($"Data Source={DatabasePath}", _logs.CreateLogger("writer"));
        await writer.PingAsync();
        File.Copy(DatabasePath, DatabasePath + ".copy");

        File.Move(DatabasePath + ".copy", DatabasePath, overwrite: true);

        var problem = await Assert.ThrowsAsync<StorageUnavailableException>(() => writer.PingAsync());
        Assert.Equal($"the database file {DatabasePath} was replaced while open", problem.Message);
        await Eventually.TrueAsync(() => _logs.Lines.Any(line => line.StartsWith("Error", StringComparison.Ordinal)), "the error line");
        var logged = Assert.Single(_logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("Texts are answered, and opt-outs are kept on disk for the next start too (the opt-out spool beside the database), " +
            "but nothing else written from now on survives a restart.", logged);
        Assert.Contains("Stop the line; before starting it again on a copy put back, delete textline.db-wal and textline.db-shm beside it " +
            "(they belong to the file that was there, and would damage the copy).", logged);
    }

    // Found from outside: rm textline.db-wal under a running line left /healthz 200 and logged nothing; a kill -9
    // later lost answered changes, a confirmed STOP among them.
    [Fact]
    public async Task A_deleted_WAL_is_unhealthy_and_logged_with_restart_now()
    {
        await using var writer = new SqliteWriter($"Data Source={DatabasePath}", _logs.CreateLogger("writer"));
        await writer.PingAsync();
        await writer.PingAsync();

        File.Delete(DatabasePath + "-wal");

        var problem = await Assert.ThrowsAsync<StorageUnavailableException>(() => writer.PingAsync());
        Assert.Equal($"the WAL {DatabasePath}-wal was deleted or moved while open", problem.Message);
        await Eventually.TrueAsync(() => _logs.Lines.Any(line => line.StartsWith("Error", StringComparison.Ordinal)), "the error line");
        var logged = Assert.Single(_logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("Restart the line now (a clean stop copies the open WAL's changes into the database).", logged);
    }

    [Fact]
    public async Task A_replaced_WAL_is_unhealthy()
    {
        await using var writer = new SqliteWriter($"Data Source={DatabasePath}", _logs.CreateLogger("writer"));
        await writer.PingAsync();
        await writer.PingAsync();
        File.Copy(DatabasePath + "-wal", DatabasePath + ".other-wal");

        File.Move(DatabasePath + ".other-wal", DatabasePath + "-wal", overwrite: true);

        var problem = await Assert.ThrowsAsync<StorageUnavailableException>(() => writer.PingAsync());
        Assert.Equal($"the WAL {DatabasePath}-wal was replaced while open", problem.Message);
    }

    [Fact]
    public async Task A_WAL_emptied_by_a_checkpoint_is_no_problem()
    {
        await using var writer = new SqliteWriter($"Data Source={DatabasePath}", _logs.CreateLogger("writer"));
        await writer.PingAsync();
        await writer.PingAsync();

        SqliteFiles.Checkpoint(DatabasePath);

        Assert.Equal(0, new FileInfo(DatabasePath + "-wal").Length);
        await writer.PingAsync();
    }

    // The watch reads again only the descriptors it last saw holding the files; when those were closed and their
    // numbers taken by other files, it must look at all of them again, not miss a file replaced meanwhile.
    [Fact]
    public async Task A_file_replaced_after_the_descriptors_seen_were_closed_is_still_found()
    {
        var watch = new SqliteFileWatch(DatabasePath);
        await using (var writer = new SqliteWriter($"Data Source={DatabasePath}", _logs.CreateLogger("writer")))
        {
            await writer.PingAsync();
        }
        SqliteConnection.ClearAllPools();
        var reader = OpenAndRead();
        Assert.Null(watch.Problem(walWritten: false));
        reader.Dispose();
        // The lowest free numbers go first: the closed connection's among them.
        var placeholders = Enumerable.Range(0, 64).Select(i => File.Open(Path.Combine(_folder, $"placeholder-{i}"), FileMode.Create)).ToList();
        using var other = OpenAndRead();

        File.Copy(DatabasePath, DatabasePath + ".copy");
        File.Move(DatabasePath + ".copy", DatabasePath, overwrite: true);

        Assert.Equal($"the database file {DatabasePath} was replaced while open", watch.Problem(walWritten: false)?.What);
        placeholders.ForEach(placeholder => placeholder.Dispose());
    }

    private SqliteConnection OpenAndRead()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT count(*) FROM sqlite_master";
        read.ExecuteScalar();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        Directory.Delete(_folder, recursive: true);
    }
}
