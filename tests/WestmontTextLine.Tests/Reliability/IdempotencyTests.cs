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
            Assert.Equal(MenuReplies.After(3, 1), await again.TextAsync("1", "SMnext000000000000000000000000001"));
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    [Fact]
    public async Task A_replayed_older_text_never_moves_the_menu_again()
    {
        await using var host = new TextLineFactory();
        var twilio = host.CreateTwilioClient("+16305550181");
        await twilio.TextAsync("hi", "SMreplay00000000000000000000000001");
        var health = await twilio.TextAsync("3", "SMreplay00000000000000000000000002");
        await twilio.TextAsync("BACK", "SMreplay00000000000000000000000003");

        Assert.Null(await twilio.TextAsync("3", "SMreplay00000000000000000000000002"));

        // Still at the main menu: 3 opens the health menu, as it did the first time.
        Assert.Equal(health, await twilio.TextAsync("3", "SMreplay00000000000000000000000004"));
    }

    [Fact]
    public async Task An_old_stop_replayed_after_start_does_not_silence_the_texter_and_an_old_start_does_not_resubscribe()
    {
        await using var host = new TextLineFactory();
        var twilio = host.CreateTwilioClient("+16305550182");
        await twilio.TextAsync("hi", "SMoptout00000000000000000000000001");
        await twilio.TextAsync("STOP", "SMoptout00000000000000000000000002");
        await twilio.TextAsync("START", "SMoptout00000000000000000000000003");

        Assert.Null(await twilio.TextAsync("STOP", "SMoptout00000000000000000000000002"));
        Assert.NotNull(await twilio.TextAsync("MENU", "SMoptout00000000000000000000000004"));

        await twilio.TextAsync("STOP", "SMoptout00000000000000000000000005");
        Assert.Null(await twilio.TextAsync("START", "SMoptout00000000000000000000000003"));
        Assert.Null(await twilio.TextAsync("MENU", "SMoptout00000000000000000000000006"));
    }

    [Fact]
    public async Task The_last_text_is_still_answered_again_after_older_ones_are_remembered()
    {
        await using var host = new TextLineFactory();
        var twilio = host.CreateTwilioClient("+16305550183");
        var sids = Enumerable.Range(1, 12).Select(i => $"SMring{i:D28}").ToArray();
        string? last = null;
        foreach (var sid in sids) last = await twilio.TextAsync(sid.EndsWith('1') ? "hi" : "0", sid);

        Assert.Equal(last, await twilio.TextAsync("0", sids[^1]));
        foreach (var sid in sids[^(Sessions.Session.EarlierMessageSidsKept + 1)..^1]) Assert.Null(await twilio.TextAsync("3", sid));
    }
}
