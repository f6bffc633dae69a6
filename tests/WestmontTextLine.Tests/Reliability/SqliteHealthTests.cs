using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>/healthz on SQLite says what texters get: healthy only when a write reaches the database file.</summary>
public class SqliteHealthTests
{
    [Fact]
    public async Task Another_process_holding_the_write_lock_makes_health_503_while_texters_get_the_fallback()
    {
        await using var factory = new TextLineFactory();
        var twilio = factory.CreateTwilioClient("+16305550190");
        var health = factory.CreateClient();
        await twilio.TextAsync("hi");
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/healthz")).StatusCode);

        await using (var locker = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await locker.OpenAsync();
            await using (var exclusive = locker.CreateCommand())
            {
                exclusive.CommandText = "BEGIN EXCLUSIVE";
                await exclusive.ExecuteNonQueryAsync();
            }
            FallbackReply.AssertIsFallback(await twilio.TextAsync("3"));

            var unhealthy = await health.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
            // SQLite's busy error, or on a loaded machine the 2 s budget running out first while SQLite still waits.
            Assert.Matches("SQLite error|does not answer in time", await unhealthy.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_full_disk_makes_health_503_while_new_texters_get_the_fallback_and_healthy_once_there_is_room()
    {
        await using var factory = new TextLineFactory { FoldsSessionLog = false };
        var health = factory.CreateClient();
        await factory.CreateTwilioClient("+16305550193").TextAsync("hi");
        var writer = await DatabasePageLimit.FillAsync(factory, "+1630556");

        var unhealthy = await health.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Contains("the disk holding the database is full", await unhealthy.Content.ReadAsStringAsync());

        DatabasePageLimit.Lift(writer);
        Assert.False(FallbackReply.IsFallback(await factory.CreateTwilioClient("+16305550194").TextAsync("hi")));
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_full_disk_stays_503_through_writes_that_need_no_room_and_is_healthy_as_soon_as_there_is_room()
    {
        await using var factory = new TextLineFactory { FoldsSessionLog = false };
        var health = factory.CreateClient();
        await factory.CreateTwilioClient("+16305550195").TextAsync("hi");
        var writer = await DatabasePageLimit.FillAsync(factory, "+1630557");

        // A write in its own savepoint that needs room fails with the full disk's own error (SQLite rolls the whole
        // transaction back, savepoint and all, so undoing only the savepoint used to fail with "no such savepoint").
        var work = factory.Services.GetRequiredService<IScheduledWork>();
        var full = await Assert.ThrowsAsync<SqliteException>(() => work.ScheduleAsync(WorkKinds.CheckIn, "big", factory.Clock.GetUtcNow(), new byte[65536]));
        Assert.Equal(13, full.SqliteErrorCode);

        // A write that fits in the pages the file has (a claim of due work, as the workers make every few seconds) commits.
        await factory.Services.GetRequiredService<IScheduledWork>().ClaimDueAsync(WorkKinds.CheckIn, factory.Clock.GetUtcNow(), 10, TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await health.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await health.GetAsync("/healthz")).StatusCode);

        // Room again: /healthz says so before any text comes.
        DatabasePageLimit.Lift(writer);
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/healthz")).StatusCode);
        Assert.False(FallbackReply.IsFallback(await factory.CreateTwilioClient("+16305550196").TextAsync("hi")));
    }

    [Fact]
    public async Task Deleted_database_files_make_health_503_and_log_an_error()
    {
        await using var factory = new TextLineFactory();
        var twilio = factory.CreateTwilioClient("+16305550191");
        var health = factory.CreateClient();
        await twilio.TextAsync("hi");
        // A delete before the workers are built is DatabaseDeletedBeforeWorkersTests' case; this one is a delete later.
        await factory.WorkersBuiltAsync();

        SqliteFiles.Delete(factory.DatabasePath);

        var unhealthy = await health.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Contains("was deleted or moved", await unhealthy.Content.ReadAsStringAsync());
        await Eventually.TrueAsync(() => factory.Logs.Lines.Any(line => line.StartsWith("Error") && line.Contains("was deleted or moved")), "the error log line");
    }

    [Fact]
    public async Task A_database_file_replaced_under_the_line_makes_health_503()
    {
        await using var factory = new TextLineFactory();
        var health = factory.CreateClient();
        await factory.CreateTwilioClient("+16305550192").TextAsync("hi");

        var replacement = factory.DatabasePath + ".new";
        File.Copy(factory.DatabasePath, replacement);
        File.Move(replacement, factory.DatabasePath, overwrite: true);

        var unhealthy = await health.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Contains("was replaced", await unhealthy.Content.ReadAsStringAsync());
    }
}
