using System.Text;
using WestmontTextLine.Flows;
using WestmontTextLine.Senders;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// The line in its own process on SQLite: a STOP answered while another process held the file's write lock, then the
/// line killed with SIGKILL at once. The STOP was on disk before its reply: the line started again on the same file
/// writes it, and her next text gets no reply.
/// </summary>
public sealed class StopKeptThroughKillTests
{
    private const string PrivacyKey = "process-privacy-key"; // LineProcess's
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task A_stop_answered_under_a_locked_file_survives_a_kill_9_right_after_its_reply()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-spool-kill-{Guid.NewGuid():N}.db");
        const string number = "+16305554411";
        var spool = database + ".optouts.spool";
        try
        {
            await using (var line = await LineProcess.StartAsync(database))
            {
                Assert.NotNull(await line.ReplyAsync(number, "hi", "SM" + new string('1', 32)));
                await using (await SqliteFileLocked.TakeAsync(database))
                {
                    Assert.Equal(English.StopConfirm, await line.ReplyAsync(number, "STOP", "SM" + new string('2', 32)));
                    line.Kill();
                }
            }

            Assert.True(File.Exists(spool));
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(spool));
            var kept = await File.ReadAllTextAsync(spool);
            Assert.DoesNotContain("5554411", kept);
            Assert.Contains(new SenderKeys(Encoding.UTF8.GetBytes(PrivacyKey)).KeyOf(number), kept);

            await using (var again = await LineProcess.StartAsync(database))
            {
                Assert.Null(await again.ReplyAsync(number, "menu", "SM" + new string('3', 32)));
                await Eventually.TrueAsync(() => !File.Exists(spool), "the spool file removed once written through");
            }
            await using var store = new SqliteSessionStore($"Data Source={database}");
            Assert.True((await store.LoadAsync(new SenderKeys(Encoding.UTF8.GetBytes(PrivacyKey)).KeyOf(number)))!.OptedOut);
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }
}
