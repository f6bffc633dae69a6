using System.Data;
using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// A store first built while the line shuts down prepares its statements on the writer's connection as the writer
/// closes it. Seen once in CI: the connection's list of commands changed under its Close, which threw
/// ArgumentOutOfRangeException out of the host's disposal. The writer closes its connection only between two
/// preparations, and refuses any preparation after that.
/// </summary>
public sealed class SqliteWriterDisposalTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-dispose-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_writer_closing_while_statements_are_prepared_leaves_its_connection_open_until_they_are()
    {
        var writer = new SqliteWriter($"Data Source={_path}");
        var closingThread = new WaitingThread();
        writer.Closing = closingThread.Catch;
        var closing = Task.CompletedTask;
        var openWhileThePreparationRan = false;

        var commands = writer.Prepare(connection =>
        {
            closing = Task.Run(async () => await writer.DisposeAsync());
            // Once the closing thread is blocked (it waits for the preparation, or inside the connection's Close).
            var waited = closingThread.WaitsBefore(closing);
            openWhileThePreparationRan = waited && connection.State == ConnectionState.Open;
            return Enumerable.Range(0, 8).Select(_ => connection.CreateCommand()).ToArray();
        });
        writer.Release(commands);
        await closing;

        Assert.True(openWhileThePreparationRan, "the writer closed its connection while statements were being prepared on it");
    }

    [Fact]
    public async Task A_store_built_after_the_writer_closed_is_told_it_has_stopped()
    {
        var writer = new SqliteWriter($"Data Source={_path}");
        await writer.DisposeAsync();

        Assert.Throws<StorageUnavailableException>(() => writer.Prepare(connection => connection.CreateCommand()));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        SqliteFiles.Delete(_path);
    }
}
