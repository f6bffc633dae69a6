using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// A full disk, as the on-call operator reads it at Warning: the texts that got the fallback were told as "the store
/// failed (SqliteException: ...)", and the mark beside the database as "textline.db.mark was not written: IOException",
/// every minute, and nothing said the disk was full. Now the line says so once, at Error, with what texters get until
/// space is freed.
/// </summary>
public sealed class DiskFullLogTests
{
    private static bool FromTheConversations(string line) => line.Contains("Conversations.ConversationService:", StringComparison.Ordinal);

    private static bool EndsARun(string line) => FromTheConversations(line) && line.Contains("Texts are answered again", StringComparison.Ordinal);

    private static int RunsEnded(TextLineFactory factory) => factory.Logs.Lines.Count(EndsARun);

    private static bool AtWarningOrAbove(string line) => line.StartsWith("Warning", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal);

    [Fact]
    public async Task Texts_that_find_the_disk_full_say_so_once_at_error_until_a_text_is_answered_again()
    {
        await using var factory = new TextLineFactory { FoldsSessionLog = false };
        await factory.CreateTwilioClient(TestNumbers.Next()).TextAsync("hi");

        var writer = await DatabasePageLimit.FillAsync(factory, "+1630558");
        FallbackReply.AssertIsFallback(await factory.CreateTwilioClient("+16305589998").TextAsync("hi"));

        // The fill can meet a fallback that another write in its batch caused (a worker's first sweep), then a texter
        // answered: that run was told and ended. The run told here is the one the fill ends in.
        var lastRun = factory.Logs.Lines.Reverse().TakeWhile(line => !EndsARun(line));
        var began = Assert.Single(lastRun, line => AtWarningOrAbove(line) && FromTheConversations(line));
        Assert.StartsWith("Error", began);
        Assert.Contains("Texts get the fallback: the disk holding the line's data is full (SqliteException: ", began);
        Assert.Contains("fallback (a technical problem, 911, the 24/7 hotline, text again in a few minutes) until space is freed on that disk", began);

        var runsEnded = RunsEnded(factory);
        DatabasePageLimit.Lift(writer);
        Assert.False(FallbackReply.IsFallback(await factory.CreateTwilioClient("+16305589999").TextAsync("hi")));
        Assert.Equal(runsEnded + 1, RunsEnded(factory));
    }

    [SkippableFact]
    public async Task The_mark_beside_the_database_that_finds_the_disk_full_says_so_once_at_error()
    {
        Skip.IfNot(SmallVolume.CanMount, SmallVolume.CannotMount);
        using var volume = SmallVolume.Mount(megabytes: 2);
        var logs = new CapturedLogs();
        var clock = new FakeTimeProvider();
        await using var writer = new SqliteWriter($"Data Source={Path.Combine(volume.Path, "textline.db")}");
        var mark = new SqliteCopyMark(writer, new StoreDataLoss(clock), clock, new LoggerFactory([logs]).CreateLogger<SqliteCopyMark>());
        // The WAL copied into the database, so its next writes reuse its blocks: the row is counted on a full disk, as
        // on a line that ran for months, and the file beside it is not.
        for (var minute = 0; minute < 4; minute++) await mark.StepAsync(CancellationToken.None);
        var passes = writer.CheckpointPasses;
        await Eventually.TrueAsync(() => writer.CheckpointPasses >= passes + 2, "a checkpoint of the writes so far");

        volume.Fill();
        for (var minute = 0; minute < 3; minute++) await mark.StepAsync(CancellationToken.None);

        var full = Assert.Single(logs.Lines, AtWarningOrAbove);
        Assert.StartsWith("Error", full);
        Assert.Contains("Storage: the disk holding the database is full (", full);
        Assert.Contains("textline.db.mark was not written): texts that need more room get the fallback until space is freed on it", full);
    }

    [SkippableFact]
    public void An_instances_Redis_mark_that_finds_its_disk_full_names_the_full_disk_not_IOException()
    {
        Skip.IfNot(SmallVolume.CanMount, SmallVolume.CannotMount);
        using var volume = SmallVolume.Mount(megabytes: 1);
        volume.Fill();
        var logs = new CapturedLogs();

        new RedisCopyMark(volume.Path, logs.CreateLogger("Storage")).Note("marker", 1);

        var line = Assert.Single(logs.Lines);
        Assert.StartsWith("Warning", line);
        Assert.Contains("redis-marker.mark was not written: the disk is full; Redis put back from an older copy may go unnoticed", line);
    }

    [Fact]
    public void A_full_disk_is_known_by_SQLites_code_or_the_systems_and_other_faults_are_not()
    {
        Assert.True(DiskFull.Is(new SqliteException("database or disk is full", 13)));
        Assert.True(DiskFull.Is(new IOException("No space left on device", 28)));
        Assert.True(DiskFull.Is(new AggregateException(new InvalidOperationException("wrapped", new IOException("No space left on device", 28)))));
        Assert.False(DiskFull.Is(new IOException("disk full (simulated)")));
        Assert.False(DiskFull.Is(new SqliteException("database is locked", 5)));
    }
}
