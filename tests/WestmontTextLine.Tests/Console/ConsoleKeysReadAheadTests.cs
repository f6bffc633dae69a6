using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using WestmontTextLine.Console;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console;

/// <summary>
/// On Redis the console's data-protection keys are read ahead asynchronously when the console is first used, for the
/// key ring's first build: the first page that reads a cookie or signs a form no longer has its thread wait on Redis
/// for them (data protection's repository is synchronous). On a starved thread pool that wait ran past the line's
/// timeout, and the page answered 503 (a fresh-clone CI run's ConsoleKeysSealedTests, GET /SignIn).
/// </summary>
public sealed class ConsoleKeysReadAheadTests
{
    private const string Purpose = "a cookie";

    [Fact]
    public async Task Once_the_console_is_up_its_key_ring_is_built_and_a_cookie_read_without_redis()
    {
        using var redis = RedisServer.Start();
        using var one = new RedisTextLineFactory(redis.ConnectionString);
        // The first instance makes the key, and signs with it what a cookie carries.
        using (var style = await ConsoleClient.For(one).GetAsync("/assets/console.css"))
        {
            Assert.Equal(HttpStatusCode.OK, style.StatusCode);
        }
        var cookie = Protector(one).Protect("alice's sign-in");
        using var two = new RedisTextLineFactory(redis.ConnectionString);
        // The console is up on the second instance: a file of its own, which needs no key.
        using (var style = await ConsoleClient.For(two).GetAsync("/assets/console.css"))
        {
            Assert.Equal(HttpStatusCode.OK, style.StatusCode);
        }

        redis.Pause();
        try
        {
            // The key ring is built now, on this thread, as on a page's: from the keys held, not from Redis.
            Assert.Equal("alice's sign-in", Protector(two).Unprotect(cookie));
            Assert.Equal("a form", Protector(two).Unprotect(Protector(two).Protect("a form")));
        }
        finally
        {
            redis.Resume();
        }
    }

    // The keys read ahead before a key is written here are stale once it is: data protection's next read (the one that
    // builds the key ring with the new key) gets Redis's list as it is after the write, with the key another instance
    // wrote meanwhile (two consoles first used at once, each making a key).
    [Fact]
    public async Task A_key_written_here_replaces_the_copy_read_ahead_with_redis_s_keys_after_the_write()
    {
        using var redis = RedisServer.Start();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = new RedisConsoleKeys(() => connection.GetDatabase(), NullLogger<RedisConsoleKeys>.Instance);
        await keys.LoadAsync();
        Assert.True(keys.IsLoaded);

        await connection.GetDatabase().ListRightPushAsync(ConsoleKeyStorage.RedisKey, "<key id=\"one\" />");
        keys.StoreElement(new XElement("key", new XAttribute("id", "two")), "two");

        Assert.Equal(["one", "two"], keys.GetAllElements().Select(element => (string)element.Attribute("id")!));
    }

    // A key written to Redis with no news of it (news lost while disconnected, or an instance of an older build): data
    // protection's read takes the copy at once, without it, and starts a read of Redis behind it, which finds the key
    // and has data protection read its keys again.
    [Fact]
    public async Task A_read_of_the_copy_starts_a_read_of_redis_that_finds_a_key_the_copy_lacks()
    {
        using var redis = RedisServer.Start();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var readAgain = 0;
        var keys = new RedisConsoleKeys(() => connection.GetDatabase(), NullLogger<RedisConsoleKeys>.Instance,
            changed: () => Interlocked.Increment(ref readAgain));
        await keys.LoadAsync();
        await connection.GetDatabase().ListRightPushAsync(ConsoleKeyStorage.RedisKey, "<key id=\"one\" />");

        Assert.Empty(keys.GetAllElements());
        await Eventually.TrueAsync(() => Volatile.Read(ref readAgain) == 1, "data protection told to read the keys again");
        Assert.Equal(["one"], keys.GetAllElements().Select(element => (string)element.Attribute("id")!));
    }

    private static IDataProtector Protector(TextLineFactory line) =>
        line.Services.GetRequiredService<ConsoleProvider>().Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
