using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The checkpointer flushes the database file after copying the WAL into it, so that the writer's restart of the WAL
/// finds little left to flush; an idle line flushes nothing, and a closed writer keeps no handle on the file.
/// </summary>
public sealed class DatabaseFileFlushTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-flush-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task The_checkpointer_flushes_the_database_file_after_writes_and_not_while_idle()
    {
        await using var writer = new SqliteWriter($"Data Source={_path}");
        using var counter = new SqliteUsageCounter(writer);
        await Eventually.TrueAsync(() => writer.DatabaseFlushes > 0, "the flush of the start's own writes");

        var idleFrom = writer.DatabaseFlushes;
        // Three whole passes of the checkpointer that begin after that flush, with nothing committed meanwhile.
        var passesFrom = writer.CheckpointPasses + 1;
        await Eventually.TrueAsync(() => writer.CheckpointPasses >= passesFrom + 3, "three idle passes of the checkpointer");
        Assert.Equal(idleFrom, writer.DatabaseFlushes);

        await counter.IncrementAsync(new DateOnly(2026, 12, 2), ["texts"]);
        await Eventually.TrueAsync(() => writer.DatabaseFlushes > idleFrom, "the flush of a write");
    }

    [Fact]
    public async Task A_closed_writer_keeps_no_handle_on_its_database_file()
    {
        var writer = new SqliteWriter($"Data Source={_path}");
        await Eventually.TrueAsync(() => writer.DatabaseFlushes > 0, "the flush of the start's own writes");
        Assert.NotEmpty(HandlesOn(_path));

        await writer.DisposeAsync();
        // Microsoft.Data.Sqlite keeps closed connections open in its pool.
        SqliteConnection.ClearAllPools();

        Assert.Empty(HandlesOn(_path));
    }

    [Fact]
    public void A_file_that_cannot_be_opened_or_an_in_memory_database_is_simply_not_flushed()
    {
        using var missing = new DatabaseFileFlush(Path.Combine(_path + "-missing", "line.db"));
        using var inMemory = new DatabaseFileFlush(null);

        missing.Flush();
        inMemory.Flush();

        Assert.Equal((0L, 0L), (missing.Flushes, inMemory.Flushes));
    }

    // This process's open handles on the file, from /proc (the line runs on Linux).
    private static List<string> HandlesOn(string path)
    {
        var handles = new List<string>();
        foreach (var link in new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos())
        {
            try
            {
                if (link.LinkTarget == path) handles.Add(link.Name);
            }
            catch (IOException)
            {
                // A handle another test closed while this one looked.
            }
        }
        return handles;
    }

    public void Dispose()
    {
        SqliteFiles.Delete(_path);
    }
}
