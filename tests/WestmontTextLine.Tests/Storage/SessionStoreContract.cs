using Microsoft.Data.Sqlite;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>What every ISessionStore must do, run against each store: the in-memory one must behave as the real ones.</summary>
public abstract class SessionStoreContract
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    protected abstract ISessionStore Store { get; }

    [Fact]
    public async Task A_new_session_is_saved_at_version_one_and_loaded_back()
    {
        Assert.Null(await Store.LoadAsync("a"));

        Assert.True(await Store.SaveAsync("a", new Session("health", "es", Noon, Choices: "x y")));

        Assert.Equal(new Session("health", "es", Noon, Choices: "x y", Version: 1), await Store.LoadAsync("a"));
    }

    [Fact]
    public async Task A_save_over_a_stale_version_conflicts()
    {
        await Store.SaveAsync("a", new Session("main", "en", Noon));
        var loaded = (await Store.LoadAsync("a"))!;

        Assert.True(await Store.SaveAsync("a", loaded with { Node = "health" }));
        Assert.False(await Store.SaveAsync("a", loaded with { Node = "law" }));
        Assert.False(await Store.SaveAsync("a", new Session("law", "en", Noon)));

        Assert.Equal(new Session("health", "en", Noon, Version: 2), await Store.LoadAsync("a"));
    }

    [Fact]
    public async Task Delete_forgets_the_sender()
    {
        await Store.SaveAsync("a", new Session("main", "en", Noon));
        await Store.SaveAsync("b", new Session("main", "en", Noon));

        await Store.DeleteAsync("a");

        Assert.Null(await Store.LoadAsync("a"));
        Assert.NotNull(await Store.LoadAsync("b"));
    }

    [Fact]
    public async Task A_purge_deletes_idle_sessions_but_keeps_opt_outs_stripped()
    {
        var old = Noon.AddDays(-40);
        await Store.SaveAsync("idle", new Session("health", "en", old, LastMessageSid: "SM1", LastReply: "hi"));
        await Store.SaveAsync("recent", new Session("health", "en", Noon, LastMessageSid: "SM2", LastReply: "hi"));
        await Store.SaveAsync("opted-out", new Session("main", "en", old, OptedOut: true, LastMessageSid: "SM3", LastReply: "bye", Choices: "a"));

        Assert.Equal(2, await Store.PurgeIdleAsync(Noon.AddDays(-30)));
        Assert.Equal(0, await Store.PurgeIdleAsync(Noon.AddDays(-30)));

        Assert.Null(await Store.LoadAsync("idle"));
        Assert.Equal("SM2", (await Store.LoadAsync("recent"))!.LastMessageSid);
        var optedOut = (await Store.LoadAsync("opted-out"))!;
        Assert.Equal(new Session("main", "en", old, OptedOut: true, Version: 2), optedOut);
    }

    [Fact]
    public async Task Ping_answers()
    {
        await Store.PingAsync();
    }
}

public sealed class InMemorySessionStoreTests : SessionStoreContract
{
    protected override ISessionStore Store { get; } = new InMemorySessionStore();
}

public sealed class SqliteSessionStoreTests : SessionStoreContract, IDisposable
{
    private readonly SqliteSessionStore _store = new($"Data Source=file:sessions-{Guid.NewGuid():N}?mode=memory&cache=shared");

    protected override ISessionStore Store => _store;

    public void Dispose() => _store.Dispose();
}
