using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// Another connection holds the SQLite file's write lock while the line's writer has already taken a text's save and
/// waits for that lock: the text's budget ends first and she gets the fallback. The save must not be applied once the
/// lock is free, or her next "1" is read in a menu she never saw (as on Redis, RedisLateSaveTests).
/// </summary>
public sealed class SqliteLateSaveTests
{
    [Fact]
    public async Task A_save_the_writer_took_before_its_text_gave_up_is_not_applied_once_the_file_is_free()
    {
        await using var factory = new TextLineFactory { StorageBudget = TimeSpan.FromMilliseconds(300), BackgroundWorkers = false };
        var twilio = factory.CreateTwilioClient("+16305550176");
        var english = factory.Services.GetRequiredService<Flow>().Language("en");
        await twilio.TextAsync("hi");
        // Its counts written first: the writer then takes the next save at once, rather than after a count it waits on.
        await UsageToday.OfAsync(factory);

        await using (var other = new SqliteConnection($"Data Source={factory.DatabasePath};Default Timeout=5"))
        {
            await other.OpenAsync();
            await using var holdsTheFile = (SqliteTransaction)await other.BeginTransactionAsync();
            FallbackReply.AssertIsFallback(await twilio.TextAsync("3"));
        }
        // The writer commits in order: once the health probe is through, the gave-up save's batch has run.
        Assert.True((await factory.CreateClient().GetAsync("/healthz")).IsSuccessStatusCode);

        // Still at the main menu, which the texter last saw: "1" is the first topic there, not of the health menu.
        Assert.Equal(english.Nodes[english.StartNode.Options[0]].Reply, await twilio.TextAsync("1"));
    }
}
