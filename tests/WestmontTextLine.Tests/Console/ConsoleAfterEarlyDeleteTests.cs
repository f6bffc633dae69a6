using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Hosting;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console;

/// <summary>
/// The SQLite file deleted in the line's first seconds, before the console's stores were first opened: they cannot
/// open until the line is restarted on the file put back. A staff member gets a page that says so, not "try again in
/// a minute" (waiting does not bring it back) and not a stack trace; after the restart the console is back.
/// </summary>
public sealed class ConsoleAfterEarlyDeleteTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-test-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task The_console_says_the_line_needs_a_restart_and_is_back_after_one()
    {
        await RunAsync(new TextLineFactory { DatabasePath = _path, KeepDatabase = true }, line => line.AddStaffAsync("alice", "admin"));
        // The operator's copy, taken as Backups says (the WAL copied into the file first).
        var copy = _path + ".copy";
        SqliteFiles.Checkpoint(_path);
        File.Copy(_path, copy);

        await RunAsync(new TextLineFactory { DatabasePath = _path, KeepDatabase = true, TestServices = OnlyTheFirstAnswerStartsTheWorkers }, async line =>
        {
            SqliteFiles.Delete(_path);
            using var alice = ConsoleClient.For(line);

            using var signIn = await alice.GetAsync("/SignIn");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
            Assert.Equal(ConsoleFaults.StoreGone, await signIn.Content.ReadAsStringAsync());
            Assert.Null(signIn.Headers.RetryAfter);
            Assert.Contains(line.Logs.Lines, entry => entry.StartsWith("Error", StringComparison.Ordinal) &&
                entry.Contains("Console: GET /SignIn failed: the database file", StringComparison.Ordinal));
        });

        // The operator stops the line, puts the copy back and starts it again. A restart is a new process; this test
        // process still holds descriptors of the deleted file at the old path (the stopped line's), so the copy is put
        // back at a path of its own.
        var restored = _path + ".restored.db";
        File.Move(copy, restored);
        await RunAsync(new TextLineFactory { DatabasePath = restored }, async line =>
        {
            using var alice = ConsoleClient.For(line);
            await alice.EnrolAsync("alice", ConsoleAccounts.Password);
            Assert.Contains("<title>Usage", await alice.GetPageAsync("/Usage"), StringComparison.Ordinal);
        });
    }

    /// <summary>
    /// The line from start to stop, as one process of its own would run it: what it leaves in SQLite's connection pool
    /// is closed with it (<see cref="SqlitePool.Clear"/>), so the next start opens the file at the path as it then is.
    /// </summary>
    private static async Task RunAsync(TextLineFactory factory, Func<TextLineFactory, Task> run)
    {
        var connections = factory.Services.GetRequiredService<SqliteWriter>().ConnectionString;
        try
        {
            await using (factory) await run(factory);
        }
        finally
        {
            SqlitePool.Clear(connections);
        }
    }

    private static void OnlyTheFirstAnswerStartsTheWorkers(IServiceCollection services) =>
        services.AddSingleton(new WorkerStartSignal(Timeout.InfiniteTimeSpan));

    public void Dispose()
    {
        SqliteFiles.Delete(_path);
        File.Delete(_path + ".copy");
        SqliteFiles.Delete(_path + ".restored.db");
    }
}
