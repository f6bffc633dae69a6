using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// While the store fails, every text gets the fallback. Each was logged as an error of its own ("Text SM... from ...:
/// storage fault SqliteException: ... database is locked; gave the fallback"), so a locked database on a busy night
/// wrote an error a text, with no line when texts were answered again. A journal kept at Warning now reads one error
/// when the run begins, and one warning, with the count, when a text is answered again.
/// </summary>
public sealed class StorageFaultEpisodeLogTests
{
    private static bool AtWarningOrAbove(string line) => line.StartsWith("Warning", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal);

    private static bool FromTheConversations(string line) => line.Contains("Conversations.ConversationService:", StringComparison.Ordinal);

    [Fact]
    public async Task A_run_of_fallbacks_is_logged_once_when_it_begins_and_once_when_texts_are_answered_again()
    {
        await using var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton<ISessionStore>(provider =>
                new FaultySessionStore(new SqliteSessionStore(provider.GetRequiredService<SqliteWriter>()))),
        };
        var store = (FaultySessionStore)factory.Services.GetRequiredService<ISessionStore>();
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        await twilio.TextAsync("hi");

        store.Mode = FaultySessionStore.Fault.Throw;
        foreach (var text in new[] { "1", "2", "0", "3" }) FallbackReply.AssertIsFallback(await twilio.TextAsync(text));

        var began = Assert.Single(factory.Logs.Lines, line => AtWarningOrAbove(line) && FromTheConversations(line));
        Assert.StartsWith("Error", began);
        Assert.Contains("Texts get the fallback: the store failed (IOException: disk full (simulated))", began);
        Assert.Contains("Logged once until a text is answered again", began);

        store.Mode = FaultySessionStore.Fault.None;
        await twilio.TextAsync("0");

        var lines = factory.Logs.Lines.Where(line => AtWarningOrAbove(line) && FromTheConversations(line)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("Warning", lines[1]);
        Assert.Matches(@"Texts are answered again: 4 text\(s\) got the fallback for a storage fault over \d+ s ", lines[1]); // not 00:00:00
        Assert.DoesNotContain(twilio.From, factory.Logs.All);
    }
}
