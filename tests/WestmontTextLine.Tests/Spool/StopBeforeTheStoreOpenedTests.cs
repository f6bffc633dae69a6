using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Spool;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// A STOP that comes before the line's store ever opened (the store is built at the first text): the SQLite file
/// deleted before it, or locked by another process then. The store cannot be built, but the spool's place comes from
/// the settings: the STOP is kept on disk and confirmed, her next texts get no reply, and it is written to the store
/// that opens later (the same line once the lock is let go; the line started again on a copy put back).
/// </summary>
public sealed class StopBeforeTheStoreOpenedTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task A_stop_as_the_first_text_under_a_locked_file_is_confirmed_kept_and_written_once_the_store_opens()
    {
        await using var factory = new TextLineFactory { BackgroundWorkers = false };
        factory.CreateClient();
        var phone = factory.CreateTwilioClient(TestNumbers.Next());

        await using (await SqliteFileLocked.TakeAsync(factory.DatabasePath))
        {
            Assert.Equal(English.StopConfirm, await phone.TextAsync("STOP"));
            Assert.Null(await phone.TextAsync("hi"));
        }
        Assert.True(factory.Services.GetRequiredService<OptOutSpool>().Holds(factory.SenderKeyOf(phone.From)));

        Assert.Null(await phone.TextAsync("menu"));
        Assert.True((await factory.Services.GetRequiredService<ISessionStore>().LoadAsync(factory.SenderKeyOf(phone.From)))!.OptedOut);
        Assert.False(File.Exists(factory.DatabasePath + ".optouts.spool"));
    }

    [Fact]
    public async Task A_stop_after_the_database_was_deleted_before_the_first_text_is_written_by_the_line_started_on_a_copy()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-spool-deleted-{Guid.NewGuid():N}.db");
        var copy = Path.Combine(Path.GetTempPath(), $"textline-spool-copy-{Guid.NewGuid():N}.db");
        var number = TestNumbers.Next();
        try
        {
            // The copy the operator put back: of a line that has answered texts.
            await using (var before = new TextLineFactory { DatabasePath = copy, KeepDatabase = true, BackgroundWorkers = false })
            {
                Assert.NotNull(await before.CreateTwilioClient(TestNumbers.Next()).TextAsync("hi"));
            }
            SqliteFiles.Checkpoint(copy);

            // A new line's database (its store not built yet) deleted before the first text.
            await using (var first = new TextLineFactory { DatabasePath = database, KeepDatabase = true, BackgroundWorkers = false })
            {
                first.CreateClient();
                SqliteFiles.Delete(database);

                var phone = first.CreateTwilioClient(number);
                Assert.Equal(English.StopConfirm, await phone.TextAsync("STOP"));
                Assert.Null(await phone.TextAsync("hi"));
                Assert.True(File.Exists(database + ".optouts.spool"));
                Assert.False(File.Exists(database), "a new database was made at the deleted one's path");
            }

            await SqliteFiles.OldFileLetGoAsync(database);
            // The copy put back, as README's Backups says: the WAL and shared memory beside it deleted first.
            foreach (var suffix in SqliteFiles.Suffixes) File.Delete(database + suffix);
            File.Copy(copy, database);
            await using var again = new TextLineFactory { DatabasePath = database, BackgroundWorkers = false };
            Assert.Null(await again.CreateTwilioClient(number).TextAsync("menu"));
            Assert.True((await again.Services.GetRequiredService<ISessionStore>().LoadAsync(again.SenderKeyOf(number)))!.OptedOut);
            Assert.False(File.Exists(database + ".optouts.spool"));
        }
        finally
        {
            SqliteFiles.Delete(database);
            SqliteFiles.Delete(copy);
        }
    }

}
