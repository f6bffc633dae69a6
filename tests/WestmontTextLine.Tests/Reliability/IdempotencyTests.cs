using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Reliability;

public class IdempotencyTests
{
    [Fact]
    public async Task A_retried_message_sid_gets_the_same_reply_and_moves_the_menu_once_even_across_a_restart()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-idem-{Guid.NewGuid():N}.db");
        try
        {
            string? first;
            await using (var host = new TextLineFactory { DatabasePath = database, KeepDatabase = true })
            {
                var twilio = host.CreateTwilioClient("+16305550180");
                await twilio.TextAsync("Hi");
                first = await twilio.TextAsync("3", "SMretried000000000000000000000001");
                Assert.Equal(first, await twilio.TextAsync("3", "SMretried000000000000000000000001"));
            }

            await using var restarted = new TextLineFactory { DatabasePath = database };
            var again = restarted.CreateTwilioClient("+16305550180");
            Assert.Equal(first, await again.TextAsync("3", "SMretried000000000000000000000001"));
            // The menu moved once: "1" now picks the first health answer, not the first option of a deeper menu.
            Assert.Contains("630-682-7400", await again.TextAsync("1", "SMnext000000000000000000000000001"));
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }
}
