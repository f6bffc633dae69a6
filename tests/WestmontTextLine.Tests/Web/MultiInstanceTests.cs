using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sessions;
using WestmontTextLine.Sms;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Transcripts;
using Xunit.Abstractions;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Tests.Web;

/// <summary>Two instances of the line sharing one real redis-server, as behind a load balancer.</summary>
[Collection(RedisCollection.Name)]
public sealed class MultiInstanceTests(RedisServerFixture redis, ITestOutputHelper output) : IAsyncLifetime
{
    private const string FallbackMark = "technical problem";
    private readonly RedisTextLineFactory _first = new(redis.Server.ConnectionString);
    private readonly RedisTextLineFactory _second = new(redis.Server.ConnectionString);

    /// <summary>Every transcript's texts and waits, then keywords, language switches, opt-out, opt-in and FORGET.</summary>
    private static IEnumerable<TranscriptStep> Conversation()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Transcripts, "*.txt").Order(StringComparer.Ordinal))
        {
            foreach (var step in Transcript.Parse(file, File.ReadAllText(file)).Steps) yield return step;
        }
        foreach (var text in new[]
        {
            "hi", "3", "1", "BACK", "2", "0", "HELP", "ESPANOL", "3", "MENU", "ENGLISH", "what?", "clinic", "0",
            "STOP", "hello", "3", "START", "3", "FORGET", "hi",
        })
        {
            yield return new TranscriptStep(0, text, null, []);
        }
    }

    [Fact]
    public async Task A_conversation_alternating_between_two_instances_reads_as_it_does_on_one()
    {
        await using var single = new TextLineFactory();
        // The whole conversation comes within a minute of fake time; the rate limit is not what is compared here.
        foreach (var host in new[] { single, _first, _second }) host.Settings["TextLine:RateLimitPerMinute"] = "0";
        var alone = single.CreateTwilioClient("+16305550161");
        var instances = new[] { _first.CreateTwilioClient("+16305550162"), _second.CreateTwilioClient("+16305550162") };

        var onOne = new List<string?>();
        var onTwo = new List<string?>();
        var textNumber = 0;
        foreach (var step in Conversation())
        {
            if (step.Wait is { } wait)
            {
                foreach (var clock in new[] { single.Clock, _first.Clock, _second.Clock }) clock.Advance(wait);
                continue;
            }
            onOne.Add(await alone.TextAsync(step.Input!, UniqueSid()));
            onTwo.Add(await instances[textNumber++ % 2].TextAsync(step.Input!, UniqueSid()));
        }

        Assert.Equal(onOne, onTwo);
        Assert.DoesNotContain(onTwo, reply => reply?.Contains(FallbackMark) == true);
        Assert.Contains(MenuReplies.After(3, 1), onTwo);
        Assert.Contains(onTwo, reply => reply is null); // the silence after STOP
    }

    [Fact]
    public async Task A_repeated_message_sid_on_the_other_instance_gets_the_same_reply_without_moving_the_menu()
    {
        var one = _first.CreateTwilioClient("+16305550163");
        var two = _second.CreateTwilioClient("+16305550163");
        await one.TextAsync("hi", UniqueSid());
        var sid = UniqueSid();

        var reply = await one.TextAsync("3", sid);
        var repeat = await two.TextAsync("3", sid);

        Assert.Contains("Health and testing", reply);
        Assert.Equal(reply, repeat);
        // Still in the health menu, where 1 is testing: a second "3" would have moved on.
        Assert.Equal(MenuReplies.After(3, 1), await two.TextAsync("1", UniqueSid()));
    }

    [Fact]
    public async Task Texts_from_one_sender_sent_to_both_instances_at_once_are_applied_one_at_a_time()
    {
        const int texts = 30;
        const string from = "+16305550164";
        var clients = new[] { _first.CreateTwilioClient(from), _second.CreateTwilioClient(from) };
        await clients[0].TextAsync("hi", UniqueSid());
        var senderKey = _first.Services.GetRequiredService<SenderKeys>().KeyOf(from);
        var store = _first.Services.GetRequiredService<ISessionStore>();
        var before = (await store.LoadAsync(senderKey))!.Version;

        var sids = Enumerable.Range(0, texts).Select(_ => UniqueSid()).ToArray();
        var replies = await Task.WhenAll(sids.Select((sid, i) => Task.Run(() => clients[i % 2].TextAsync(i % 3 == 0 ? "HELP" : "0", sid))));

        var accepted = replies.Count(reply => !reply!.Contains(FallbackMark));
        output.WriteLine($"{accepted} of {texts} concurrent texts applied; the rest got the fallback after repeated conflicts");
        var after = (await store.LoadAsync(senderKey))!;
        // Each applied text saved exactly once over the version it read: none was lost or applied twice.
        Assert.Equal(before + accepted, after.Version);
        Assert.InRange(accepted, 1, texts);
        Assert.Contains(after.LastMessageSid, sids);
        Assert.DoesNotContain(FallbackMark, replies[Array.IndexOf(sids, after.LastMessageSid)]);
    }

    private static string UniqueSid() => $"SM{Guid.NewGuid():N}";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }
}
