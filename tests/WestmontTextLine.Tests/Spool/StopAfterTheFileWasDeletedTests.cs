using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Spool;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// The SQLite file deleted under a running line, which goes on answering from the file it has open: a STOP saved there
/// was lost with it at the next start, and the line started again texted her the menu. Now it is kept on disk too, and
/// the line started again on the path (a new file, as after the log's advice) writes it; an opt-in after it lets go.
/// So for a 21610 the line records: its log line said "until the store answers", which it already did.
/// </summary>
public sealed class StopAfterTheFileWasDeletedTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task A_stop_saved_after_the_file_was_deleted_is_kept_on_disk_and_the_line_started_again_honours_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"textline-gone-{Guid.NewGuid():N}.db");
        var number = TestNumbers.Next();
        await using (var first = new TextLineFactory { DatabasePath = path, KeepDatabase = true })
        {
            var phone = first.CreateTwilioClient(number);
            await phone.TextAsync("hi");
            await first.WorkersBuiltAsync();

            SqliteFiles.Delete(path);
            Assert.Equal(English.StopConfirm, await phone.TextAsync("STOP"));
            Assert.Null(await phone.TextAsync("menu"));
            Assert.False(FallbackReply.IsFallback(await first.CreateTwilioClient(TestNumbers.Next()).TextAsync("hi")), "another texter got the fallback");
            // A pass of the spool's worker writes it to the file that is gone, and keeps it.
            await first.Services.GetRequiredService<OptOutSpoolWorker>().RunPassAsync(CancellationToken.None);
            Assert.Equal(1, first.Services.GetRequiredService<OptOutSpool>().Count);
        }
        await SqliteFiles.OldFileLetGoAsync(path);
        // As the log says: the -wal and -shm beside the path are the old file's.
        foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(path + suffix);

        await using var second = new TextLineFactory { DatabasePath = path };
        Assert.Null(await second.CreateTwilioClient(number).TextAsync("menu"));
        Assert.True((await second.Services.GetRequiredService<ISessionStore>().LoadAsync(second.SenderKeyOf(number)))!.OptedOut);
        Assert.Equal(0, second.Services.GetRequiredService<OptOutSpool>().Count);
    }

    [Fact]
    public async Task A_21610_recorded_after_the_file_was_deleted_is_kept_on_disk_for_the_next_start_and_says_so()
    {
        var path = Path.Combine(Path.GetTempPath(), $"textline-gone-{Guid.NewGuid():N}.db");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        var number = TestNumbers.Next();
        await using (var first = new TextLineFactory { DatabasePath = path, KeepDatabase = true }.WithProvider(fake))
        {
            var phone = first.CreateTwilioClient(number);
            var response = await phone.PostAsync(phone.Fields("hi", phone.NextSid()));
            var reply = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message")!;
            var sent = fake.AddMessage(ProviderTextLine.LineNumber, number, reply.Value, "failed", "outbound-reply");
            await first.WorkersBuiltAsync();

            SqliteFiles.Delete(path);
            var callback = await ProviderTextLine.ReportAsync(phone, reply.Attribute("action")!.Value, sent.Sid, "failed", errorCode: 21610);

            Assert.Equal(HttpStatusCode.NoContent, callback.StatusCode);
            Assert.Equal(1, first.Services.GetRequiredService<OptOutSpool>().Count);
            // The store answered (from the file it has open): "until the store answers" told the operator it would go.
            var kept = Assert.Single(first.Logs.Lines, line => line.Contains("Opt-out at the carrier (21610) for", StringComparison.Ordinal) &&
                line.Contains("kept on disk", StringComparison.Ordinal));
            Assert.Contains("recorded in a database file that is gone: kept on disk until the line starts again, for the store it opens then", kept);
        }
        await SqliteFiles.OldFileLetGoAsync(path);
        foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(path + suffix);

        await using var second = new TextLineFactory { DatabasePath = path }.WithProvider(fake);
        Assert.Null(await second.CreateTwilioClient(number).TextAsync("menu"));
        Assert.True((await second.Services.GetRequiredService<ISessionStore>().LoadAsync(second.SenderKeyOf(number)))!.OptedOut);
        Assert.Equal(0, second.Services.GetRequiredService<OptOutSpool>().Count);
    }

    [Fact]
    public async Task A_start_after_that_stop_lets_go_of_it_as_it_would_have_in_the_store()
    {
        await using var factory = new TextLineFactory();
        var phone = factory.CreateTwilioClient(TestNumbers.Next());
        await phone.TextAsync("hi");
        await factory.WorkersBuiltAsync();

        SqliteFiles.Delete(factory.DatabasePath);
        Assert.Equal(English.StopConfirm, await phone.TextAsync("STOP"));
        Assert.Equal(1, factory.Services.GetRequiredService<OptOutSpool>().Count);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.StartsWith(English.StartConfirm, await phone.TextAsync("START"));
        Assert.Equal(0, factory.Services.GetRequiredService<OptOutSpool>().Count);
        Assert.NotNull(await phone.TextAsync("menu"));
    }

}
