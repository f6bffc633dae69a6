using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// Redis paused (SIGSTOP) between a text's load and its save: the texter is given the fallback, and the save that
/// Redis runs when it resumes must not move her menu, as SQLite withdraws such a save.
/// </summary>
public sealed class RedisLateSaveTests
{
    [Fact]
    public async Task A_save_queued_while_Redis_was_paused_is_not_applied_once_it_resumes()
    {
        using var redis = RedisServer.Start();
        PausingStore? pausing = null;
        await using var factory = new RedisTextLineFactory(redis.ConnectionString)
        {
            TestServices = services => services.AddSingleton<ISessionStore>(provider =>
                pausing = new PausingStore(new RedisSessionStore(WestmontTextLine.Storage.RedisEngine.Of(provider), TimeSpan.FromDays(30)), redis)),
        };
        var twilio = factory.CreateTwilioClient("+16305550175");
        var english = factory.Services.GetRequiredService<Flow>().Language("en");
        await twilio.TextAsync("hi");

        pausing!.PauseBeforeNextSave = true;
        // The fallback comes only once the line gave up on the save (its command timed out, or the budget ran out),
        // and the save's deadline lies a margin before either: Redis, resumed now, runs the save after its deadline.
        FallbackReply.AssertIsFallback(await twilio.TextAsync("3"));
        redis.Resume();
        // The probe's write goes down the same connection after the save, so Redis has run the save once it answers.
        await WaitUntilAnswersAsync(factory);

        // Still at the main menu, which the texter last saw: "1" is the first topic there, not of the health menu.
        Assert.Equal(english.Nodes[english.StartNode.Options[0]].Reply, await twilio.TextAsync("1"));
    }

    private static async Task WaitUntilAnswersAsync(TextLineFactory factory)
    {
        var health = factory.CreateClient();
        for (var i = 0; i < 300 && !(await health.GetAsync("/healthz")).IsSuccessStatusCode; i++) await Task.Delay(100);
    }

    private sealed class PausingStore(ISessionStore inner, RedisServer redis) : ISessionStore
    {
        public bool PauseBeforeNextSave { get; set; }

        public Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default) => inner.LoadAsync(senderKey, cancellationToken);

        public Task<bool> SaveAsync(string senderKey, Session session, DateTimeOffset? notAfter = null, CancellationToken cancellationToken = default)
        {
            if (PauseBeforeNextSave)
            {
                PauseBeforeNextSave = false;
                redis.Pause();
            }
            return inner.SaveAsync(senderKey, session, notAfter, cancellationToken);
        }

        public Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default) => inner.DeleteAsync(senderKey, cancellationToken);

        public Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default) =>
            inner.PurgeIdleAsync(idleBefore, cancellationToken);

        public Task PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);
    }
}
