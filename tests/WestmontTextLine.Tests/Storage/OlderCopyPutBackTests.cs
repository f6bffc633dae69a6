using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The database put back from a copy taken minutes before: the line notices at start, by the mark it keeps beside the
/// file (<see cref="SqliteCopyMark"/>), says so, and a check-in she ended with OK after the copy was taken does not
/// text her or alert her contact although it is only a minute late. Without the mark (a new machine, a lost disk), it
/// cannot tell, and says so in a warning at start.
/// </summary>
public sealed class OlderCopyPutBackTests
{
    private const string Texter = "+16305558601";
    private const string Contact = "+16305558602";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task A_copy_put_back_is_noticed_and_a_check_in_ended_since_texts_no_one()
    {
        var (fake, database, sent) = await RunAndPutBackAsync(markFile: true);
        await using var _ = fake;
        try
        {
            var restored = new TextLineFactory { DatabasePath = database };
            restored.Clock.Advance(TimeSpan.FromMinutes(31)); // her timer was due at 30
            await using var after = await CheckInLine.StartAsync(restored, fake: fake);
            await after.PassesAsync();
            await after.AdvanceAsync(TimeSpan.FromMinutes(11));

            Assert.Equal(sent, fake.Messages.Count);
            Assert.NotNull(await after.Factory.Services.GetRequiredService<SqliteCopyMark>().RestoredAtAsync(CancellationToken.None));
            Assert.Contains("put back from an older copy (about 5 minutes behind", after.Factory.Logs.All);
            Assert.Matches("Check-in of texter [^ ]+ ended without its texts: its check-in text was due 1 min( [0-9]+ s)? ago", after.Factory.Logs.All);
            Assert.DoesNotContain("is not beside it", after.Factory.Logs.All);
            var health = await after.Factory.CreateClient().GetStringAsync("/healthz");
            Assert.Contains("put back from an older copy", health);
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    [Fact]
    public async Task Without_the_mark_beside_it_a_copy_on_a_new_machine_runs_the_check_in_as_it_would_have()
    {
        var (fake, database, _) = await RunAndPutBackAsync(markFile: false);
        await using var __ = fake;
        try
        {
            var moved = new TextLineFactory { DatabasePath = database };
            moved.Clock.Advance(TimeSpan.FromMinutes(31));
            await using var after = await CheckInLine.StartAsync(moved, fake: fake);
            await after.PassesAsync();

            Assert.Equal(English.CheckInDue, after.SentTo(Texter)[^1]);
            Assert.Null(await after.Factory.Services.GetRequiredService<SqliteCopyMark>().RestoredAtAsync(CancellationToken.None));
            // What it cannot tell, it says: a database that ran before, without its mark beside it.
            Assert.Single(after.Factory.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) &&
                line.Contains($"the SQLite database {database} ran before, but its mark ({Path.GetFileName(database)}.mark) is not beside it", StringComparison.Ordinal));
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    /// <summary>
    /// A line with her check-in (30 minutes) and an agreed contact; a copy taken; her OK; five minutes of the line's
    /// mark; then the copy put back as README says (the -wal and -shm deleted), with the mark file or without it.
    /// </summary>
    private static async Task<(FakeTwilio.FakeTwilioApi Fake, string Database, int Sent)> RunAndPutBackAsync(bool markFile)
    {
        var fake = await ProviderTextLine.StartFakeAsync();
        var database = Path.Combine(Path.GetTempPath(), $"textline-putback-{Guid.NewGuid():N}.db");
        var copy = database + ".copy";
        await using (var before = await CheckInLine.StartAsync(new TextLineFactory { DatabasePath = database, KeepDatabase = true }, fake: fake))
        {
            var mark = before.Factory.Services.GetRequiredService<SqliteCopyMark>();
            await mark.StepAsync(CancellationToken.None);
            await before.Phone(Texter).TextAsync("hi");
            await before.Phone(Texter).TextAsync("BUDDY (630) 555-8602 Ana");
            await before.PassesAsync();
            await before.Phone(Contact).TextAsync("YES");
            await before.PassesAsync();
            await before.Phone(Texter).TextAsync("CHECK 30");
            using (var from = new SqliteConnection($"Data Source={database};Pooling=False"))
            using (var to = new SqliteConnection($"Data Source={copy};Pooling=False"))
            {
                from.Open();
                to.Open();
                from.BackupDatabase(to);
            }
            Assert.Equal(English.CheckInStopped, await before.Phone(Texter).TextAsync("OK"));
            for (var minute = 0; minute < 5; minute++) await mark.StepAsync(CancellationToken.None);
        }
        // A new process has no pooled connection to the file put back over: this one must not read through one either.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in SqliteFiles.Suffixes) File.Delete(database + suffix);
        File.Move(copy, database);
        if (!markFile) File.Delete(database + SqliteCopyMark.Suffix);
        return (fake, database, fake.Messages.Count);
    }
}
