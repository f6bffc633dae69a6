using System.Buffers.Binary;
using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console;

/// <summary>
/// A cookie naming a sign-in key this instance does not hold, in its first two minutes, made data protection read its
/// keys again at once, synchronously, on the request's thread: from Redis. Anyone can send one (a forged cookie with a
/// random key id), and a flood of them held request threads on Redis (or, Redis paused, for its whole timeout).
/// </summary>
public sealed class ConsoleKeysUnknownKeyTests
{
    // What a data-protection payload begins with (its version 0); the key id follows.
    private const uint MagicHeader = 0x09F0C9F0;

    // Redis paused: the line's own 1.5 s timeout would end a wait on it, so the line here waits as long as the tests'
    // budget (60 s), and an answer while Redis is still paused is one that never waited on it.
    private static readonly TimeSpan WellWithinTheWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_cookie_naming_an_unknown_key_is_signed_out_at_once_with_redis_paused()
    {
        using var redis = RedisServer.Start();
        using var line = new RedisTextLineFactory(redis.ConnectionStringWithoutTheLinesTimeout);
        await line.AddStaffAsync("alice");
        // The console is up and its key ring built: the sign-in form carries a token signed with its key.
        using (var signIn = await ConsoleClient.For(line).GetAsync("/SignIn"))
        {
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        }
        using var forger = ConsoleClient.For(line).WithCookie("wtl-console", CookieNaming(Guid.NewGuid()));

        redis.Pause();
        try
        {
            var answer = forger.GetAsync("/Simulator");
            Assert.True(await Task.WhenAny(answer, Task.Delay(WellWithinTheWait)) == answer,
                "the page with a forged cookie waited on the paused Redis");
            using var signedOut = await answer;
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
            Assert.StartsWith(ConsoleClient.Url("/SignIn"), ConsoleClient.Where(signedOut));
        }
        finally
        {
            redis.Resume();
        }
    }

    /// <summary>A cookie that names the key and holds nothing any key opens, as a forger makes one.</summary>
    private static string CookieNaming(Guid keyId)
    {
        var payload = new byte[4 + 16 + 80];
        BinaryPrimitives.WriteUInt32BigEndian(payload, MagicHeader);
        keyId.TryWriteBytes(payload.AsSpan(4, 16));
        RandomNumberGenerator.Fill(payload.AsSpan(20));
        return Base64Url.EncodeToString(payload);
    }
}
