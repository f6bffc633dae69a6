using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Reliability;

public class ConcurrencyLoadTests
{
    private const int Senders = 50;
    private const int TextsPerSender = 20;
    private static readonly string[] Inputs = ["hi", "3", "1", "back", "2", "0", "5", "9", "help", "4", "1", "danger", "2", "menu", "7", "1", "clinic", "0", "6", "x"];

    [Fact]
    public async Task Fifty_senders_texting_at_once_each_get_the_same_transcript_as_when_sent_one_by_one()
    {
        var reference = new EngineHarness();
        var expected = Inputs.Select(input => reference.Text(input)).ToList();
        // A thousand texts at once on two cores: under load one text's writes ran past the line's 3 s and it got the
        // fallback. The test is about each sender's transcript, not the budget, so it runs on the tests' long one.
        await using var factory = new TextLineFactory { StorageBudget = TimeSpan.FromSeconds(60) };
        factory.Settings["TextLine:RateLimitPerMinute"] = "0";
        var clients = Enumerable.Range(0, Senders).Select(i => factory.CreateTwilioClient($"+1630556{i:D4}")).ToList();

        var transcripts = await Task.WhenAll(clients.Select(async client =>
        {
            var replies = new List<string?>();
            foreach (var input in Inputs) replies.Add(await client.TextAsync(input));
            return replies;
        }));

        Assert.Equal(Senders, transcripts.Length);
        Assert.All(transcripts, transcript => Assert.Equal(expected, transcript));
    }

    [Fact]
    public async Task Texts_from_one_sender_sent_at_once_are_applied_one_at_a_time()
    {
        await using var factory = new TextLineFactory();
        factory.Settings["TextLine:RateLimitPerMinute"] = "0";
        var twilio = factory.CreateTwilioClient("+16305550190");
        await twilio.TextAsync("Hi");
        var reference = new EngineHarness();
        reference.Text("Hi");
        var sequential = Enumerable.Range(0, 10).Select(_ => reference.Text("2")).Order().ToList();

        // Ten identical texts at once: applied one after another, they give the same replies as one by one
        // (in some order). A lost update would show as two texts acting on the same state.
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => twilio.TextAsync("2")));

        Assert.Equal(sequential, concurrent.Order().ToList());
    }
}
