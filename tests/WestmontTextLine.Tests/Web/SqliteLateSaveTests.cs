using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// The line's writer has already taken a text's save from its queue, and the SQLite file's write lock (held by another
/// connection, a backup or a sqlite3 shell) comes free just after the text's budget ended and she got the fallback;
/// here the test holds the writer at that moment (<see cref="SqliteWriterHeld"/>). The save must not be applied then,
/// or her next "1" is read in a menu she never saw (as on Redis, RedisLateSaveTests).
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

        using (var writer = new SqliteWriterHeld(factory.Services.GetRequiredService<SqliteWriter>(), write => write is SqliteSessionStore.Save))
        {
            FallbackReply.AssertIsFallback(await twilio.TextAsync("3"));
            Assert.True(writer.Held, "the writer took her save before her text gave up");
        }
        // The writer commits in order: once the health probe is through, the gave-up save's batch has run.
        Assert.True((await factory.CreateClient().GetAsync("/healthz")).IsSuccessStatusCode);

        // Still at the main menu, which the texter last saw: "1" is the first topic there, not of the health menu.
        Assert.Equal(english.Nodes[english.StartNode.Options[0]].Reply, await twilio.TextAsync("1"));
    }
}
