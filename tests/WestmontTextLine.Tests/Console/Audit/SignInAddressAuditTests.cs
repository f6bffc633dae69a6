using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Audit;

/// <summary>
/// "Who signed in from where": each step of signing in and out names the address it came from, and the Audit page
/// narrows to one address. Before, the lines said who and when, and an administrator asked months later whether a
/// sign-in came from the office or from somewhere else had nothing to go on.
/// </summary>
public sealed class SignInAddressAuditTests
{
    [Fact]
    public async Task Sign_ins_their_failures_and_sign_outs_name_the_address_and_the_page_finds_it()
    {
        using var factory = new TextLineFactory { TestServices = TestRemoteAddress.AddTo };
        await factory.AddStaffAsync("ana", StaffRoles.Admin);
        await factory.AddStaffAsync("alice");
        using var ana = ConsoleClient.At(factory, "192.0.2.10");
        await ana.EnrolAsync("ana", ConsoleAccounts.Password);
        using var alice = ConsoleClient.At(factory, "203.0.113.7");
        using (await alice.PostFormAsync("/SignIn", [new("UserName", "alice"), new("Password", "not her password at all")])) { }
        await alice.EnrolAsync("alice", ConsoleAccounts.Password);
        var token = ConsoleClient.AntiforgeryTokenIn(await alice.GetPageAsync("/"));
        using (await alice.PostWithoutTokenAsync("/SignOut", [new("__RequestVerificationToken", token)])) { }

        var lines = (await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100))
            .Where(entry => entry.Actor == "alice").Select(entry => $"{entry.Action} {entry.Target}").Reverse();
        Assert.Equal([
            "signin.failed from 203.0.113.7",
            "signin.password-accepted second factor to set up, from 203.0.113.7",
            "second-factor.enrolled from 203.0.113.7",
            "signout from 203.0.113.7",
        ], lines);

        var page = await ana.GetPageAsync("/Admin/Audit?about=203.0.113.7");
        Assert.Contains("Entries 1 to 4 of 4 that match", page);
    }

    [Fact]
    public void An_ipv4_address_seen_over_ipv6_is_written_as_ipv4()
    {
        Assert.Equal("from 203.0.113.7", ConsoleAudit.WithAddress("", System.Net.IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.Equal("x", ConsoleAudit.WithAddress("x", null));
    }
}
