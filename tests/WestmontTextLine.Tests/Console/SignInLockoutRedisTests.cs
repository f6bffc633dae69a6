using System.Net;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Pages;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console;

/// <summary>
/// The sign-in lockouts on two instances sharing one real redis-server, which restarts on its append-only file
/// meanwhile: wrong passwords counted on one instance lock the address (and, enough of them, the account) on the other
/// too, and still do after Redis restarted.
/// </summary>
public sealed class SignInLockoutRedisTests : IDisposable
{
    private const string Attacker = "198.51.100.7";
    private readonly RedisServer _redis = RedisServer.Start(appendOnly: true);

    private RedisTextLineFactory Instance() => new(_redis.ConnectionString) { TestServices = TestRemoteAddress.AddTo };

    private static async Task<string> SignInAsync(ConsoleClient client, string name, string password)
    {
        using var answer = await client.PostFormAsync("/SignIn", [new("UserName", name), new("Password", password)]);
        return answer.StatusCode == HttpStatusCode.Redirect ? "redirect " + ConsoleClient.Where(answer)
            : (await answer.Content.ReadAsStringAsync()).Contains(WebUtility.HtmlEncode(SignInModel.Refused), StringComparison.Ordinal) ? "refused"
            : "other " + (int)answer.StatusCode;
    }

    [Fact]
    public async Task An_address_locked_on_one_instance_is_locked_on_the_other_and_after_redis_restarts()
    {
        using var one = Instance();
        using var two = Instance();
        await one.AddStaffAsync("alice");
        using var onOne = ConsoleClient.At(one, Attacker);
        for (var attempt = 1; attempt <= PasswordGuesses.PerAddress; attempt++) Assert.Equal("refused", await SignInAsync(onOne, "alice", $"guess number {attempt:D4}"));

        using var onTwo = ConsoleClient.At(two, Attacker);
        Assert.Equal("refused", await SignInAsync(onTwo, "alice", ConsoleAccounts.Password));

        await Eventually.TrueAsync(_redis.HasWrittenItsAppendOnlyFile, "every answered write in the append-only file");
        _redis.Kill();
        _redis.Restart();
        await Eventually.TrueAsync(async () => (await two.CreateClient().GetAsync("/healthz")).IsSuccessStatusCode, "Redis answers again",
            TimeSpan.FromSeconds(15));
        Assert.Equal("refused", await SignInAsync(onTwo, "alice", ConsoleAccounts.Password));
        // Another address is not locked out, on either instance.
        using var elsewhere = ConsoleClient.At(two, "203.0.113.20");
        Assert.Equal("redirect /console/Enrol", await SignInAsync(elsewhere, "alice", ConsoleAccounts.Password));
    }

    [Fact]
    public async Task Wrong_passwords_from_many_addresses_on_both_instances_lock_the_account_on_both()
    {
        using var one = Instance();
        using var two = Instance();
        await one.AddStaffAsync("alice");
        var addresses = PasswordGuesses.AcrossAddresses / PasswordGuesses.PerAddress;
        for (var address = 1; address <= addresses; address++)
        {
            using var guesser = ConsoleClient.At(address % 2 == 0 ? one : two, $"198.51.100.{address}");
            for (var attempt = 1; attempt <= PasswordGuesses.PerAddress - 1; attempt++) Assert.Equal("refused", await SignInAsync(guesser, "alice", $"guess {attempt:D4}"));
        }
        using var last = ConsoleClient.At(one, "198.51.100.99");
        for (var attempt = 1; attempt <= PasswordGuesses.AcrossAddresses - addresses * (PasswordGuesses.PerAddress - 1); attempt++)
        {
            Assert.Equal("refused", await SignInAsync(last, "alice", $"last guess {attempt:D4}"));
        }

        // Locked for everyone, on both instances, with the right password from a fresh address.
        using var ownerOnTwo = ConsoleClient.At(two, "203.0.113.20");
        Assert.Equal("refused", await SignInAsync(ownerOnTwo, "alice", ConsoleAccounts.Password));
        using var ownerOnOne = ConsoleClient.At(one, "203.0.113.21");
        Assert.Equal("refused", await SignInAsync(ownerOnOne, "alice", ConsoleAccounts.Password));
    }

    public void Dispose() => _redis.Dispose();
}
