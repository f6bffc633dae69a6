using System.Net;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console;

/// <summary>The keys that sign the console's cookies live with the line's data: a sign-in outlives a restart and works on every instance.</summary>
public sealed class ConsoleKeyTests
{
    [Fact]
    public async Task A_sign_in_survives_a_restart_on_sqlite()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-console-{Guid.NewGuid():N}.db");
        ConsoleClient signedIn;
        using (var before = new TextLineFactory { DatabasePath = database, KeepDatabase = true })
        {
            signedIn = await before.SignedInAsync("alice");
            Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/Simulator")).StatusCode);
        }
        var keys = Path.Combine(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database) + ".console-keys");
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));

        using var after = new TextLineFactory { DatabasePath = database };
        after.Clock.AdjustTime(signedIn.Factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        using var sameCookies = signedIn.CopyCookies(after);
        Assert.Equal(HttpStatusCode.OK, (await sameCookies.GetAsync("/Simulator")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_on_one_instance_works_on_another_sharing_redis()
    {
        using var redis = RedisServer.Start();
        using var one = new RedisTextLineFactory(redis.ConnectionString);
        using var two = new RedisTextLineFactory(redis.ConnectionString);
        using var onOne = await one.SignedInAsync("alice");
        two.Clock.AdjustTime(one.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        using var onTwo = onOne.CopyCookies(two);
        var simulator = await onTwo.GetPageAsync("/Simulator");
        Assert.Contains("Signed in as alice", simulator);
        // A form from one instance posts on the other: the antiforgery keys are shared too.
        var page = await onOne.GetPageAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signOut = await onOne.CopyCookies(two).PostWithoutTokenAsync("/SignOut", [new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(ConsoleClient.Url("/SignIn"), ConsoleClient.Where(signOut));
    }
}
