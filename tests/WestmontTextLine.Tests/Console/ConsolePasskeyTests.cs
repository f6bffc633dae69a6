using System.Buffers.Text;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console;

/// <summary>
/// The console's passkeys through the real pipeline over HTTPS, with <see cref="SoftPasskey"/> in place of a browser's
/// authenticator: adding one needs both factors and the password, signing in with one alone counts as both factors,
/// and what a look-alike site, a locked account or a removed passkey would try is refused and audited.
/// </summary>
public sealed partial class ConsolePasskeyTests
{
    private const string Origin = "https://localhost";

    [Fact]
    public async Task A_passkey_added_after_enrolment_signs_in_alone_with_both_factors()
    {
        using var factory = new TextLineFactory();
        using var alice = await factory.SignedInAsync("alice");
        using var passkey = new SoftPasskey();
        await AddPasskeyAsync(alice, passkey, "laptop");
        Assert.Contains("laptop", await alice.GetPageAsync("/Passkeys"));

        using var later = ConsoleClient.For(factory);
        using var signedIn = await SignInWithPasskeyAsync(later, passkey);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/Simulator")).StatusCode);
        Assert.Contains("Signed in as alice", await later.GetPageAsync("/Passkeys"));

        var audit = await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        var shortId = PasskeyNames.ShortId(passkey.CredentialId);
        Assert.Contains(audit, entry => entry is { Actor: "alice", Action: ConsoleAuditActions.PasskeyAdded } && entry.Target == $"\"laptop\" ({shortId})");
        Assert.Contains(audit, entry => entry is { Actor: "alice", Action: ConsoleAuditActions.SignedInWithPasskey } && entry.Target == $"\"laptop\" ({shortId})");
        // The credential id itself appears nowhere in the log.
        var credentialId = Base64Url.EncodeToString(passkey.CredentialId);
        Assert.DoesNotContain(audit, entry => entry.Target.Contains(credentialId, StringComparison.Ordinal) ||
            entry.Target.Contains(PasskeyNames.Key(passkey.CredentialId), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_passkeys_page_and_its_handlers_need_both_factors()
    {
        using var factory = new TextLineFactory();
        await factory.AddStaffAsync("alice");
        using var halfway = ConsoleClient.For(factory);
        using var password = await halfway.PostFormAsync("/SignIn", [new("UserName", "alice"), new("Password", ConsoleAccounts.Password)]);
        Assert.Equal(ConsoleClient.Url("/Enrol"), ConsoleClient.Where(password));

        using var page = await halfway.GetAsync("/Passkeys");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.NotEqual(ConsoleClient.Url("/Passkeys"), ConsoleClient.Where(page)!.Split('?')[0]);
        // A token from the one page a password opens, on the passkey handlers: refused before any ceremony starts.
        var token = await TokenFromAsync(halfway, "/Enrol");
        foreach (var handler in new[] { "Options", "Add" })
        {
            using var post = await halfway.PostWithoutTokenAsync("/Passkeys", [new("password", ConsoleAccounts.Password), new("name", "mine"), token], handler);
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            Assert.DoesNotContain(halfway.LastSetCookies, cookie => cookie.StartsWith("wtl-console-2fa=", StringComparison.Ordinal) && !cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        }

        using var stranger = ConsoleClient.For(factory);
        using var strangers = await stranger.GetAsync("/Passkeys");
        Assert.StartsWith(ConsoleClient.Url("/SignIn"), ConsoleClient.Where(strangers));
    }

    [Fact]
    public async Task Adding_a_passkey_needs_the_password_and_wrong_ones_lock_the_account()
    {
        using var factory = new TextLineFactory();
        using var alice = await factory.SignedInAsync("alice");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await alice.PostFormAsync("/Passkeys", [new("password", $"not my password {attempt}")], handler: "Options");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains(attempt < 5 ? "not your password" : "locked", await wrong.Content.ReadAsStringAsync());
        }
        using var right = await alice.PostFormAsync("/Passkeys", [new("password", ConsoleAccounts.Password)], handler: "Options");
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);

        Assert.NotNull((await ListAsync(factory)).Single().LockedUntil);
        var audit = await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        Assert.Equal(4, audit.Count(entry => entry is { Actor: "alice", Action: ConsoleAuditActions.PasskeyPasswordFailed }));
        Assert.DoesNotContain(audit, entry => entry.Action == ConsoleAuditActions.PasskeyAdded);
    }

    /// <summary>
    /// A signed-in session stays signed in while its account is locked: a script posting wrong passwords here wrote one
    /// "signin.locked-out" line each time (30 a second), and could push everything older out of the audit log.
    /// </summary>
    [Fact]
    public async Task Wrong_passwords_while_the_account_is_locked_write_no_more_audit_lines()
    {
        using var factory = new TextLineFactory();
        using var mallory = await factory.SignedInAsync("mallory");
        for (var attempt = 1; attempt <= 30; attempt++)
        {
            using var wrong = await mallory.PostFormAsync("/Passkeys", [new("password", $"not my password {attempt}")], handler: "Options");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains(attempt < 5 ? "not your password" : "locked", await wrong.Content.ReadAsStringAsync());
        }

        var audit = await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        Assert.Equal(4, audit.Count(entry => entry is { Actor: "mallory", Action: ConsoleAuditActions.PasskeyPasswordFailed }));
        Assert.Equal(1, audit.Count(entry => entry is { Actor: "mallory", Action: ConsoleAuditActions.SignInLocked }));
    }

    [Fact]
    public async Task Removing_a_passkey_audits_it_signs_out_the_other_sessions_and_the_passkey_signs_in_no_more()
    {
        using var factory = new TextLineFactory();
        using var alice = await factory.SignedInAsync("alice");
        using var passkey = new SoftPasskey();
        await AddPasskeyAsync(alice, passkey, "phone");
        using var elsewhere = alice.CopyCookies();
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/Simulator")).StatusCode);

        var key = KeyPattern().Match(await alice.GetPageAsync("/Passkeys")).Groups[1].Value;
        Assert.Equal(PasskeyNames.Key(passkey.CredentialId), key);
        using var removed = await alice.PostFormAsync("/Passkeys", [new("key", key)], handler: "Remove");
        Assert.Equal(ConsoleClient.Url("/Passkeys"), ConsoleClient.Where(removed));
        var page = await alice.GetPageAsync("/Passkeys");
        Assert.Contains("Removed the passkey", page);
        Assert.Contains("no-passkeys", page);

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/Simulator")).StatusCode);
        using var other = await elsewhere.GetAsync("/Simulator");
        Assert.StartsWith(ConsoleClient.Url("/SignIn"), ConsoleClient.Where(other));

        using var stranger = ConsoleClient.For(factory);
        using var refused = await SignInWithPasskeyAsync(stranger, passkey);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("did not sign you in", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/Simulator")).StatusCode);

        var audit = await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        Assert.Contains(audit, entry => entry is { Actor: "alice", Action: ConsoleAuditActions.PasskeyRemoved } &&
            entry.Target == $"\"phone\" ({PasskeyNames.ShortId(passkey.CredentialId)})");
        Assert.Contains(audit, entry => entry is { Actor: ConsoleAudit.UnknownActor, Action: ConsoleAuditActions.PasskeyFailed });
    }

    [Theory]
    [InlineData("https://look-alike.example", null)]
    [InlineData("https://localhost:8443", null)]
    [InlineData(Origin, "look-alike.example")]
    public async Task A_passkey_signature_for_another_origin_or_relying_party_signs_nobody_in(string origin, string? rpId)
    {
        using var factory = new TextLineFactory();
        using var alice = await factory.SignedInAsync("alice");
        using var passkey = new SoftPasskey();
        await AddPasskeyAsync(alice, passkey, "laptop");

        using var phished = ConsoleClient.For(factory);
        using var refused = await SignInWithPasskeyAsync(phished, passkey, origin, rpId);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("did not sign you in", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await phished.GetAsync("/Simulator")).StatusCode);

        var audit = await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        Assert.Contains(audit, entry => entry is { Actor: "alice", Action: ConsoleAuditActions.PasskeyFailed });
        Assert.DoesNotContain(audit, entry => entry.Action == ConsoleAuditActions.SignedInWithPasskey);
    }

    [Fact]
    public async Task An_answer_more_than_five_minutes_after_the_challenge_signs_nobody_in()
    {
        using var factory = new TextLineFactory();
        using var alice = await factory.SignedInAsync("alice");
        using var passkey = new SoftPasskey();
        await AddPasskeyAsync(alice, passkey, "laptop");

        using var slow = ConsoleClient.For(factory);
        using var options = await slow.PostFormAsync("/SignInPasskey", [], handler: "Options");
        var answer = passkey.Get(await options.Content.ReadAsStringAsync(), Origin);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        using var late = await slow.PostFormAsync("/SignInPasskey", [new("credentialJson", answer)]);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("took too long", await late.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await slow.GetAsync("/Simulator")).StatusCode);
    }

    [Fact]
    public async Task A_passkey_signs_in_while_someone_guessing_the_password_has_locked_the_account()
    {
        using var factory = new TextLineFactory();
        using var alice = await factory.SignedInAsync("alice");
        using var passkey = new SoftPasskey();
        await AddPasskeyAsync(alice, passkey, "laptop");

        // Five failed attempts, as someone guessing the password would make (counted directly: through the sign-in
        // page they would use up this address's sign-in posts for the minute).
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<StaffUserManager>();
            var account = (await users.FindByNameAsync("alice"))!;
            for (var attempt = 1; attempt <= 5; attempt++) Assert.True((await users.AccessFailedAsync(account)).Succeeded);
            Assert.True(await users.IsLockedOutAsync(account));
        }

        // A passkey cannot be guessed: the lockout that stops guessing does not keep its owner out.
        using var owner = ConsoleClient.For(factory);
        using var signedIn = await SignInWithPasskeyAsync(owner, passkey);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/Simulator")).StatusCode);
        var audit = await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        Assert.Contains(audit, entry => entry is { Actor: "alice", Action: ConsoleAuditActions.SignedInWithPasskey } && entry.Target.StartsWith("\"laptop\"", StringComparison.Ordinal));

        // The password and the code stay locked for the 15 minutes.
        using var guesser = ConsoleClient.For(factory);
        using var refused = await guesser.PostFormAsync("/SignIn", [new("UserName", "alice"), new("Password", ConsoleAccounts.Password)]);
        Assert.Contains("locked for 15 minutes", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Console_PasskeyServerDomain_names_the_relying_party_behind_a_proxy_that_keeps_its_own_host()
    {
        using var factory = new TextLineFactory();
        factory.Settings["Console:PasskeyServerDomain"] = " Line.Example.ORG. ";
        using var alice = await factory.SignedInAsync("alice");
        using var passkey = new SoftPasskey();

        using var options = await alice.PostFormAsync("/Passkeys", [new("password", ConsoleAccounts.Password)], handler: "Options");
        var creation = await options.Content.ReadAsStringAsync();
        Assert.Equal("line.example.org", (string?)JsonNode.Parse(creation)!["rp"]!["id"]);
        // The browser is on https://line.example.org; the line itself is asked for https://localhost.
        using var added = await alice.PostFormAsync("/Passkeys",
            [new("name", "laptop"), new("password", ConsoleAccounts.Password), new("credentialJson", passkey.Create(creation, "https://line.example.org"))], handler: "Add");
        Assert.Equal(ConsoleClient.Url("/Passkeys"), ConsoleClient.Where(added));

        using var wrongHost = ConsoleClient.For(factory);
        using var refused = await SignInWithPasskeyAsync(wrongHost, passkey, Origin);
        Assert.Contains("did not sign you in", await refused.Content.ReadAsStringAsync());
        using var later = ConsoleClient.For(factory);
        using var signedIn = await SignInWithPasskeyAsync(later, passkey, "https://line.example.org");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/Simulator")).StatusCode);
    }

    private static async Task AddPasskeyAsync(ConsoleClient client, SoftPasskey passkey, string name)
    {
        using var options = await client.PostFormAsync("/Passkeys", [new("password", ConsoleAccounts.Password)], handler: "Options");
        var json = await options.Content.ReadAsStringAsync();
        Assert.True(options.StatusCode == HttpStatusCode.OK, $"options: {(int)options.StatusCode} {json}");
        using var added = await client.PostFormAsync("/Passkeys",
            [new("name", name), new("password", ConsoleAccounts.Password), new("credentialJson", passkey.Create(json, Origin))], handler: "Add");
        Assert.True(added.StatusCode == HttpStatusCode.Redirect, $"add: {(int)added.StatusCode} {await added.Content.ReadAsStringAsync()}");
    }

    private static async Task<HttpResponseMessage> SignInWithPasskeyAsync(ConsoleClient client, SoftPasskey passkey, string origin = Origin, string? rpId = null)
    {
        using var options = await client.PostFormAsync("/SignInPasskey", [], handler: "Options");
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var answer = passkey.Get(await options.Content.ReadAsStringAsync(), origin, rpId);
        return await client.PostFormAsync("/SignInPasskey", [new("credentialJson", answer)]);
    }

    private static async Task<KeyValuePair<string, string>> TokenFromAsync(ConsoleClient client, string path)
    {
        var match = TokenPattern().Match(await client.GetPageAsync(path));
        Assert.True(match.Success, $"{path} has no form");
        return new("__RequestVerificationToken", WebUtility.HtmlDecode(match.Groups[1].Value));
    }

    private static async Task<IReadOnlyList<StaffAccountSummary>> ListAsync(TextLineFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync();
    }

    [GeneratedRegex("name=\"key\" value=\"([0-9a-f]{64})\"")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
