using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// A store first built while the line shuts down prepares its statements on the writer's connection as the writer
/// closes it. Seen once in CI: the connection's list of commands changed under its Close, which threw
/// ArgumentOutOfRangeException out of the host's disposal.
/// </summary>
public sealed class SqliteWriterDisposalTests
{
    [Fact]
    public async Task Statements_prepared_while_the_writer_closes_never_break_its_close()
    {
        for (var round = 0; round < 40; round++)
        {
            var path = Path.Combine(Path.GetTempPath(), $"textline-dispose-{Guid.NewGuid():N}.db");
            try
            {
                var writer = new SqliteWriter($"Data Source={path}");
                using var stop = new CancellationTokenSource();
                var preparing = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        try
                        {
                            var commands = writer.Prepare(connection => Enumerable.Range(0, 8).Select(_ => connection.CreateCommand()).ToArray());
                            writer.Release(commands);
                        }
                        catch (StorageUnavailableException)
                        {
                            return; // the writer has stopped: what a store built too late is told
                        }
                    }
                })).ToList();
                await Task.Delay(5);

                await writer.DisposeAsync();
                stop.Cancel();
                await Task.WhenAll(preparing);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                SqliteFiles.Delete(path);
            }
        }
    }
}
