using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Console.Pages;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console;

/// <summary>
/// Wrong passwords lock the password out for the address they came from (5 in 15 minutes), and the account for
/// everyone only after many more from any addresses (<see cref="PasswordGuesses.AcrossAddresses"/>): someone who
/// knows a staff name can no longer keep that person out of the console from an address of their own.
/// </summary>
public sealed class SignInLockoutByAddressTests
{
    private const string Attacker = "198.51.100.7";
    private const string Owner = "203.0.113.20";

    private static TextLineFactory Factory() => new() { TestServices = TestRemoteAddress.AddTo };

    private static async Task<string> SignInAsync(ConsoleClient client, string name, string password)
    {
        using var answer = await client.PostFormAsync("/SignIn", [new("UserName", name), new("Password", password)]);
        return answer.StatusCode == HttpStatusCode.Redirect ? "redirect " + ConsoleClient.Where(answer)
            : (await answer.Content.ReadAsStringAsync()).Contains(WebUtility.HtmlEncode(SignInModel.Refused), StringComparison.Ordinal) ? "refused"
            : "other " + (int)answer.StatusCode;
    }

    private static async Task GuessAsync(ConsoleClient client, string name, int times)
    {
        for (var attempt = 1; attempt <= times; attempt++) Assert.Equal("refused", await SignInAsync(client, name, $"guess number {attempt:D4}"));
    }

    [Fact]
    public async Task Five_wrong_passwords_from_one_address_do_not_keep_the_owner_out_at_another()
    {
        using var factory = Factory();
        await factory.AddStaffAsync("alice");
        using var attacker = ConsoleClient.At(factory, Attacker);
        await GuessAsync(attacker, "alice", 5);

        // The attacker's address is locked out of alice's password, even with the right one...
        Assert.Equal("refused", await SignInAsync(attacker, "alice", ConsoleAccounts.Password));
        // ...but alice, at her own address, signs in.
        using var owner = ConsoleClient.At(factory, Owner);
        await owner.EnrolAsync("alice", ConsoleAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/Simulator")).StatusCode);

        var audit = await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        Assert.Equal(4, audit.Count(entry => entry is { Actor: "alice", Action: ConsoleAuditActions.SignInFailed }));
        Assert.Equal(2, audit.Count(entry => entry is { Actor: "alice", Action: ConsoleAuditActions.SignInLocked }));
        Assert.DoesNotContain(audit, entry => (entry.Actor + entry.Target).Contains(Attacker, StringComparison.Ordinal));

        // The address's lock lasts 15 minutes from the fifth wrong password.
        factory.Clock.Advance(PasswordGuesses.LockFor + TimeSpan.FromSeconds(1));
        Assert.Equal("redirect /console/SignInCode", await SignInAsync(attacker, "alice", ConsoleAccounts.Password));
    }

    [Fact]
    public async Task Wrong_passwords_from_many_addresses_still_lock_the_account_for_everyone()
    {
        using var factory = Factory();
        await factory.AddStaffAsync("alice");
        var addresses = PasswordGuesses.AcrossAddresses / PasswordGuesses.PerAddress;
        for (var address = 1; address <= addresses; address++)
        {
            using var guesser = ConsoleClient.At(factory, $"198.51.100.{address}");
            await GuessAsync(guesser, "alice", PasswordGuesses.PerAddress);
            // Tries from an address already locked out are refused unchecked, and count for nothing more.
            if (address == 1) await GuessAsync(guesser, "alice", 3);
        }

        using var owner = ConsoleClient.At(factory, Owner);
        Assert.Equal("refused", await SignInAsync(owner, "alice", ConsoleAccounts.Password));
        using (var scope = factory.Services.CreateScope())
        {
            var alice = Assert.Single(await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync());
            Assert.NotNull(alice.LockedUntil);
        }
        factory.Clock.Advance(PasswordGuesses.LockFor + TimeSpan.FromSeconds(1));
        await owner.EnrolAsync("alice", ConsoleAccounts.Password);
    }

    [Fact]
    public async Task One_fewer_than_the_accounts_cap_leaves_the_owner_free()
    {
        using var factory = Factory();
        await factory.AddStaffAsync("alice");
        for (var address = 1; address <= PasswordGuesses.AcrossAddresses / PasswordGuesses.PerAddress; address++)
        {
            using var guesser = ConsoleClient.At(factory, $"198.51.100.{address}");
            var last = address == PasswordGuesses.AcrossAddresses / PasswordGuesses.PerAddress;
            await GuessAsync(guesser, "alice", last ? PasswordGuesses.PerAddress - 1 : PasswordGuesses.PerAddress);
        }
        using var owner = ConsoleClient.At(factory, Owner);
        await owner.EnrolAsync("alice", ConsoleAccounts.Password);
    }

    // The address's 10 sign-in posts a minute (ASP.NET Core's limiter, on the real clock) bound what one test can try.
    [Fact]
    public async Task A_right_password_forgets_the_addresses_failures()
    {
        using var factory = Factory();
        await factory.AddStaffAsync("alice");
        using var alice = ConsoleClient.At(factory, Owner);
        await GuessAsync(alice, "alice", PasswordGuesses.PerAddress - 1);
        Assert.Equal("redirect /console/Enrol", await SignInAsync(alice, "alice", ConsoleAccounts.Password));

        // A fresh start at this address: four more mistakes do not lock her out.
        using var later = ConsoleClient.At(factory, Owner);
        await GuessAsync(later, "alice", PasswordGuesses.PerAddress - 1);
        Assert.Equal("redirect /console/Enrol", await SignInAsync(later, "alice", ConsoleAccounts.Password));
    }

    [Fact]
    public async Task A_new_password_lifts_the_lock_at_the_owners_own_address()
    {
        using var factory = Factory();
        await factory.AddStaffAsync("alice");
        using var alice = ConsoleClient.At(factory, Owner);
        await GuessAsync(alice, "alice", PasswordGuesses.PerAddress);
        Assert.Equal("refused", await SignInAsync(alice, "alice", ConsoleAccounts.Password));

        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<StaffUserManager>();
            Assert.True((await users.ResetAsync((await users.FindByNameAsync("alice"))!, "a brand new passphrase 42")).Succeeded);
        }
        await alice.EnrolAsync("alice", "a brand new passphrase 42");
    }

    [Fact]
    public async Task Two_instances_on_one_redis_count_an_addresses_wrong_passwords_together()
    {
        using var redis = RedisServer.Start();
        using var a = new RedisTextLineFactory(redis.ConnectionString) { TestServices = TestRemoteAddress.AddTo };
        using var b = new RedisTextLineFactory(redis.ConnectionString) { TestServices = TestRemoteAddress.AddTo };
        await a.AddStaffAsync("alice");
        using var onA = ConsoleClient.At(a, Attacker);
        using var onB = ConsoleClient.At(b, Attacker);
        await GuessAsync(onA, "alice", 3);
        await GuessAsync(onB, "alice", 2);

        Assert.Equal("refused", await SignInAsync(onA, "alice", ConsoleAccounts.Password));
        Assert.Equal("refused", await SignInAsync(onB, "alice", ConsoleAccounts.Password));
        using var owner = ConsoleClient.At(b, Owner);
        Assert.Equal("redirect /console/Enrol", await SignInAsync(owner, "alice", ConsoleAccounts.Password));
    }

    [Fact]
    public void An_ipv6_address_counts_by_its_64_and_an_ipv4_mapped_one_as_ipv4()
    {
        var guesses = new PasswordGuesses(new WestmontTextLine.Records.InMemoryPrivateRecords(), TimeProvider.System, "key"u8.ToArray());
        string Key(string address) => guesses.KeyFor("ALICE", "hash", IPAddress.Parse(address));

        Assert.Equal(Key("2001:db8:1:2::1"), Key("2001:db8:1:2:ffff::9"));
        Assert.NotEqual(Key("2001:db8:1:2::1"), Key("2001:db8:1:3::1"));
        Assert.Equal(Key("198.51.100.7"), Key("::ffff:198.51.100.7"));
        Assert.NotEqual(Key("198.51.100.7"), Key("198.51.100.8"));
        Assert.NotEqual(Key("198.51.100.7"), guesses.KeyFor("ALICE", "a new hash", IPAddress.Parse("198.51.100.7")));
        Assert.Matches("^[0-9a-f]{64}$", Key("198.51.100.7"));
    }
}
