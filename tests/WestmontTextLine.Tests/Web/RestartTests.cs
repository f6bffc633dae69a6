using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Tests.Web;

public class RestartTests
{
    [Fact]
    public async Task A_conversation_survives_a_host_restart_on_the_same_sqlite_file()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-restart-{Guid.NewGuid():N}.db");
        try
        {
            await using (var first = new TextLineFactory { DatabasePath = database, KeepDatabase = true })
            {
                var twilio = first.CreateTwilioClient("+16305550142");
                await twilio.TextAsync("Hi");
                await twilio.TextAsync("3");
            }

            await using var second = new TextLineFactory { DatabasePath = database };
            var again = second.CreateTwilioClient("+16305550142");
            var answer = await again.TextAsync("1");

            Assert.Equal(MenuReplies.After(3, 1), answer);
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    [Fact]
    public void The_test_host_reads_the_repo_root_settings_and_flows()
    {
        using var factory = new TextLineFactory();
        factory.CreateClient();

        Assert.Equal(RepoPaths.Root, factory.Services.GetRequiredService<AppRoot>().Path);
    }
}
