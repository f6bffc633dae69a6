using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// The line in its own process on SQLite, traced with strace: a text answered with the fallback while another process
/// held the file's write lock has its MessageSid, which the line must delete at Twilio (her number and her words are
/// there), flushed to the disk (fsync of <c>textline.db.deletions.spool</c>) before its reply, as an opt-out is. It was
/// only written: a power cut in the next seconds lost it, and the message stayed at Twilio for good.
/// </summary>
public sealed class SpoolFlushedToDiskTests
{
    [SkippableFact]
    public async Task A_text_answered_with_the_fallback_has_its_sid_flushed_to_the_disk_before_the_reply()
    {
        Skip.IfNot(DiskFlushTrace.CanAttach, DiskFlushTrace.CannotAttach);
        var database = Path.Combine(Path.GetTempPath(), $"textline-spool-fsync-{Guid.NewGuid():N}.db");
        await using var fake = await FakeTwilioApi.StartAsync(authToken: LineProcess.AuthToken);
        try
        {
            await using var line = await LineProcess.StartAsync(database, new Dictionary<string, string>
            {
                ["Twilio__AccountSid"] = fake.AccountSid,
                ["Twilio__ApiBaseUrl"] = fake.BaseUrl.ToString(),
                ["Twilio__From"] = "+16305559999",
            });
            const string number = "+16305554471";
            Assert.False(FallbackReply.IsFallback(await line.ReplyAsync(number, "hi", "SM" + new string('1', 32))));

            using var trace = await DiskFlushTrace.AttachAsync(line.ProcessId);
            await using (await SqliteFileLocked.TakeAsync(database))
            {
                FallbackReply.AssertIsFallback(await line.ReplyAsync(number, "someone took my phone", "SM" + new string('2', 32)));
            }
            var flushed = await trace.StopAsync();

            Assert.Contains(flushed, call => call.Contains($"<{database}.deletions.spool>", StringComparison.Ordinal));
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }
}
