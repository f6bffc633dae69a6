using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Console.Pages;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console;

/// <summary>What an attacker would try against the console, each through the real pipeline over HTTPS.</summary>
public sealed partial class ConsoleSecurityTests
{
    private static readonly string[] OpenPages = ["/SignIn", "/SignInCode", "/SignInPasskey", "/Setup", "/Denied"];

    /// <summary>Every console page the app has, found from its own routes: a page added later is covered too.</summary>
    private static IReadOnlyList<string> AllPages(TextLineFactory factory) =>
        [.. factory.Services.GetRequiredService<ConsoleProvider>().Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>().Select(page => page.ViewEnginePath == "/Index" ? "/" : page.ViewEnginePath).Distinct().Order()];

    [Fact]
    public async Task Every_console_page_but_sign_in_sends_a_stranger_to_sign_in()
    {
        using var factory = new TextLineFactory();
        await factory.AddStaffAsync("alice", StaffRoles.Admin);
        using var stranger = ConsoleClient.For(factory);

        var pages = AllPages(factory);
        Assert.Contains("/Admin/Staff", pages);
        Assert.Contains("/Simulator", pages);
        foreach (var page in pages.Except(OpenPages))
        {
            using var get = await stranger.GetAsync(page);
            Assert.True(get.StatusCode == HttpStatusCode.Redirect, $"GET {page}: {(int)get.StatusCode}");
            Assert.StartsWith(ConsoleClient.Url("/SignIn"), ConsoleClient.Where(get));

            using var post = await stranger.PostWithoutTokenAsync(page, [new("name", "alice")]);
            Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"POST {page}: {(int)post.StatusCode}");
            Assert.NotEqual(ConsoleClient.Url(page), post.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task A_forged_host_header_cannot_send_the_browser_to_another_site()
    {
        using var factory = new TextLineFactory();
        await factory.AddStaffAsync("alice", StaffRoles.Admin);
        using var stranger = ConsoleClient.For(factory);
        using var bob = await factory.SignedInAsync("bob");

        using var toSignIn = await stranger.GetStreamingAsync("/Inbox", ("Host", "attacker.example"));
        using var toDenied = await bob.GetStreamingAsync("/Admin/Staff", ("Host", "attacker.example"));

        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.Equal(ConsoleClient.Url("/SignIn") + "?ReturnUrl=%2Fconsole%2FInbox", toSignIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, toDenied.StatusCode);
        Assert.StartsWith(ConsoleClient.Url("/Denied"), toDenied.Headers.Location?.OriginalString);
        Assert.DoesNotContain("attacker", toDenied.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_staff_account_is_refused_every_admin_page_and_action()
    {
        using var factory = new TextLineFactory();
        await factory.AddStaffAsync("alice", StaffRoles.Admin);
        using var bob = await factory.SignedInAsync("bob");

        foreach (var page in AllPages(factory).Where(page => page.StartsWith("/Admin/", StringComparison.Ordinal)))
        {
            using var get = await bob.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.StartsWith(ConsoleClient.Url("/Denied"), ConsoleClient.Where(get));
        }
        // A token from a page bob may open, on the admin page's handlers.
        var token = await TokenFromAsync(bob, "/Simulator");
        using var add = await bob.PostWithoutTokenAsync("/Admin/Staff",
            [new("NewName", "mallory"), new("NewRole", StaffRoles.Admin), new("NewPassword", ConsoleAccounts.Password), token], handler: "Add");
        Assert.StartsWith(ConsoleClient.Url("/Denied"), ConsoleClient.Where(add));
        using var promote = await bob.PostWithoutTokenAsync("/Admin/Staff", [new("name", "bob"), new("role", StaffRoles.Admin), token], handler: "Role");
        Assert.StartsWith(ConsoleClient.Url("/Denied"), ConsoleClient.Where(promote));

        var accounts = await ListAsync(factory);
        Assert.DoesNotContain(accounts, account => account.UserName == "mallory");
        Assert.Equal(StaffRoles.Staff, accounts.Single(account => account.UserName == "bob").Role);
    }

    [Fact]
    public async Task A_cross_site_form_post_without_the_token_changes_nothing()
    {
        using var factory = new TextLineFactory();
        using var admin = await factory.SignedInAsync("alice", StaffRoles.Admin);
        using var other = ConsoleClient.For(factory);
        var othersToken = await TokenFromAsync(other, "/SignIn");

        using var forged = await admin.PostWithoutTokenAsync("/Admin/Staff",
            [new("NewName", "mallory"), new("NewRole", StaffRoles.Admin), new("NewPassword", ConsoleAccounts.Password)], handler: "Add");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var borrowed = await admin.PostWithoutTokenAsync("/Admin/Staff",
            [new("NewName", "mallory"), new("NewRole", StaffRoles.Admin), new("NewPassword", ConsoleAccounts.Password), othersToken], handler: "Add");
        Assert.Equal(HttpStatusCode.BadRequest, borrowed.StatusCode);
        using var signOut = await admin.PostWithoutTokenAsync("/SignOut", []);
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);

        Assert.DoesNotContain(await ListAsync(factory), account => account.UserName == "mallory");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Staff")).StatusCode);

        // The same form with its token works: the refusal was the token's.
        using var real = await admin.PostFormAsync("/Admin/Staff",
            [new("NewName", "carol"), new("NewRole", StaffRoles.Staff), new("NewPassword", ConsoleAccounts.Password)], handler: "Add");
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Contains(await ListAsync(factory), account => account.UserName == "carol");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_even_for_the_right_one()
    {
        using var factory = new TextLineFactory();
        await factory.AddStaffAsync("alice");
        using var attacker = ConsoleClient.For(factory);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await attacker.PostFormAsync("/SignIn", [new("UserName", "alice"), new("Password", $"guess number {attempt:D4}")]);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        using var owner = ConsoleClient.For(factory);
        using var refused = await owner.PostFormAsync("/SignIn", [new("UserName", "alice"), new("Password", ConsoleAccounts.Password)]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("locked for 15 minutes", await refused.Content.ReadAsStringAsync());

        factory.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        await owner.EnrolAsync("alice", ConsoleAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/Simulator")).StatusCode);

        var audit = await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        // The fifth wrong password is the one that locks; then the right one, refused while locked.
        Assert.Equal(4, audit.Count(entry => entry.Action == ConsoleAuditActions.SignInFailed && entry.Actor == "alice"));
        Assert.Equal(2, audit.Count(entry => entry.Action == ConsoleAuditActions.SignInLocked && entry.Actor == "alice"));
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_rate_limited_whatever_the_account()
    {
        using var factory = new TextLineFactory();
        using var attacker = ConsoleClient.For(factory);
        await factory.AddStaffAsync("alice");
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= ConsoleServices.SignInAttemptsPerMinute + 2; attempt++)
        {
            // A different name each time: the account lockout alone would never trigger.
            using var response = await attacker.PostFormAsync("/SignIn", [new("UserName", $"user{attempt}"), new("Password", "not the password 123")]);
            statuses.Add(response.StatusCode);
        }
        Assert.All(statuses.Take(ConsoleServices.SignInAttemptsPerMinute), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(statuses.Skip(ConsoleServices.SignInAttemptsPerMinute), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        // The page itself still opens: only attempts are limited.
        Assert.Equal(HttpStatusCode.OK, (await attacker.GetAsync("/SignIn")).StatusCode);
    }

    /// <summary>
    /// Nothing at sign-in tells a name with an account from one without: the same message for a wrong name, a wrong
    /// password and a locked account, and one password hash checked for each (Identity checks none for an unknown
    /// name or a locked account, and the time of a hash told them apart).
    /// </summary>
    [Fact]
    public async Task Sign_in_answers_an_unknown_name_as_it_answers_a_real_one()
    {
        var hasher = new CountingPasswordHasher();
        using var factory = new TextLineFactory { TestServices = services => services.AddSingleton<IPasswordHasher<StaffUser>>(hasher) };
        await factory.AddStaffAsync("alice");
        var answers = new Dictionary<string, List<(string Problem, int Hashes)>>();
        // Six tries for alice: the fifth locks her, the sixth finds her locked; the rest of the address's minute for zed.
        foreach (var (name, tries) in new[] { ("alice", 6), ("zed", ConsoleServices.SignInAttemptsPerMinute - 6) })
        {
            answers[name] = [];
            for (var attempt = 1; attempt <= tries; attempt++)
            {
                using var someone = ConsoleClient.For(factory);
                var before = hasher.Verifications;
                using var refused = await someone.PostFormAsync("/SignIn", [new("UserName", name), new("Password", $"guess number {attempt:D4}")]);
                answers[name].Add((ProblemPattern().Match(await refused.Content.ReadAsStringAsync()).Groups[1].Value, hasher.Verifications - before));
            }
        }
        Assert.All(answers["alice"].Concat(answers["zed"]), answer => Assert.Equal((WebUtility.HtmlEncode(SignInModel.Refused), 1), answer));
    }

    [Fact]
    public async Task Recovery_codes_are_shown_in_the_enrolments_own_answer_and_never_travel_in_a_cookie()
    {
        using var factory = new TextLineFactory { Environment = "Production" };
        await factory.AddStaffAsync("alice");
        using var alice = ConsoleClient.For(factory);
        await alice.EnrolAsync("alice", ConsoleAccounts.Password);

        Assert.Equal(10, alice.RecoveryCodes.Distinct().Count());
        Assert.DoesNotContain(alice.LastSetCookies, cookie => cookie.Contains("TempData", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("/RecoveryCodes")).StatusCode);
        // Enrolment is done: the page sends her on rather than showing the codes again.
        Assert.DoesNotContain(alice.RecoveryCodes[0], await (await alice.GetAsync("/Enrol")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_names_typed_at_sign_in_never_reach_the_audit_log()
    {
        using var factory = new TextLineFactory();
        await factory.AddStaffAsync("alice");
        using var someone = ConsoleClient.For(factory);
        using var _ = await someone.PostFormAsync("/SignIn", [new("UserName", "6305550142"), new("Password", "not the password 123")]);

        var audit = await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        var failed = Assert.Single(audit, entry => entry.Action == ConsoleAuditActions.SignInFailed);
        Assert.Equal(ConsoleAudit.UnknownActor, failed.Actor);
        Assert.DoesNotContain(audit, entry => (entry.Actor + entry.Target).Contains("6305550142", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_session_cookie_copied_before_sign_out_is_worthless_after_it()
    {
        using var factory = new TextLineFactory();
        using var alice = await factory.SignedInAsync("alice");
        using var thief = alice.CopyCookies();
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/Simulator")).StatusCode);

        using var signedOut = await SignOutAsync(alice);
        Assert.StartsWith(ConsoleClient.Url("/SignIn"), ConsoleClient.Where(signedOut));

        // The stamp is checked on any request made after the cookie was issued (later than it, by the clock).
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using var replay = await thief.GetAsync("/Simulator");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith(ConsoleClient.Url("/SignIn"), ConsoleClient.Where(replay));
        using var own = await alice.GetAsync("/Simulator");
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
    }

    [Fact]
    public async Task A_stolen_cookie_stops_working_after_thirty_idle_minutes()
    {
        using var factory = new TextLineFactory();
        using var alice = await factory.SignedInAsync("alice");

        // Used within the idle time, the session slides on.
        factory.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/Simulator")).StatusCode);
        using var thief = alice.CopyCookies();

        factory.Clock.Advance(ConsoleServices.IdleTimeout + TimeSpan.FromMinutes(1));
        using var replay = await thief.GetAsync("/Simulator");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith(ConsoleClient.Url("/SignIn"), ConsoleClient.Where(replay));
    }

    [Fact]
    public async Task A_password_without_the_second_factor_opens_nothing_but_enrolment()
    {
        using var factory = new TextLineFactory();
        await factory.AddStaffAsync("alice", StaffRoles.Admin);
        using var halfway = ConsoleClient.For(factory);
        using var password = await halfway.PostFormAsync("/SignIn", [new("UserName", "alice"), new("Password", ConsoleAccounts.Password)]);
        Assert.Equal(ConsoleClient.Url("/Enrol"), ConsoleClient.Where(password));

        foreach (var page in AllPages(factory).Except(OpenPages).Except(["/Enrol"]))
        {
            using var response = await halfway.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"GET {page}: {(int)response.StatusCode}");
            Assert.NotEqual(ConsoleClient.Url(page), ConsoleClient.Where(response)!.Split('?')[0]);
        }
        // The page a refusal leads to sends her on to enrolment: what is missing is the second factor, not a role.
        using var denied = await halfway.GetAsync("/Denied");
        Assert.Equal(ConsoleClient.Url("/Enrol"), ConsoleClient.Where(denied));
        // A wrong code at enrolment does not enrol; no code at all is asked for in plain words.
        using var wrong = await halfway.PostFormAsync("/Enrol", [new("Code", "000000")]);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.False((await ListAsync(factory)).Single().SecondFactor);
        using var empty = await halfway.PostFormAsync("/Enrol", [new("Code", "")]);
        var emptyPage = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Type the 6-digit code your app shows.", emptyPage);
        Assert.DoesNotContain("The The", emptyPage);
    }

    [Fact]
    public async Task Cookies_are_http_only_same_site_strict_secure_and_for_the_console_alone()
    {
        using var factory = new TextLineFactory { Environment = "Production" };
        await factory.AddStaffAsync("alice");
        using var alice = ConsoleClient.For(factory);
        using var _ = await alice.PostFormAsync("/SignIn", [new("UserName", "alice"), new("Password", ConsoleAccounts.Password)]);

        var session = Assert.Single(alice.LastSetCookies, cookie => cookie.StartsWith("wtl-console=", StringComparison.Ordinal));
        foreach (var attribute in new[] { "httponly", "samesite=strict", "path=/console", "secure" })
        {
            Assert.Contains(attribute, session, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain("expires", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_pages_notice_cookie_is_as_guarded_as_the_session()
    {
        using var factory = new TextLineFactory { Environment = "Production" };
        using var ana = await factory.SignedInAsync("ana", StaffRoles.Admin);
        using var added = await ana.PostFormAsync("/Admin/Staff",
            [new("NewName", "bea"), new("NewRole", StaffRoles.Staff), new("NewPassword", "a long first password 4821")], handler: "Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var notice = Assert.Single(ana.LastSetCookies, cookie => cookie.StartsWith("wtl-console-notice=", StringComparison.Ordinal));
        foreach (var attribute in new[] { "httponly", "samesite=strict", "path=/console", "secure" })
        {
            Assert.Contains(attribute, notice, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task In_production_plain_http_is_refused_with_the_reason_instead_of_a_sign_in_that_cannot_work()
    {
        using var factory = new TextLineFactory { Environment = "Production" };
        using var http = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await http.GetAsync("/console/SignIn");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ConsoleServices.HttpsOnlyMessage, await response.Content.ReadAsStringAsync());
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.NotNull(await factory.CreateTwilioClient().TextAsync("HELP"));
    }

    // It sent the operator to README "Console", whose own text says nothing of a proxy: the steps are in a subsection.
    [Fact]
    public void The_plain_http_refusal_names_the_README_section_with_the_proxy_steps()
    {
        var named = Regex.Match(ConsoleServices.HttpsOnlyMessage, "README, \"([^\"]+)\"");
        Assert.True(named.Success, ConsoleServices.HttpsOnlyMessage);

        var section = WestmontTextLine.Tests.Readme.Readme.OwnText(named.Groups[1].Value);
        Assert.Contains("X-Forwarded-Proto", section);
        Assert.Contains("ForwardedHeaders:KnownProxies", section);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_the_webhook_is_untouched()
    {
        using var factory = new TextLineFactory();
        await factory.AddStaffAsync("alice");
        using var stranger = ConsoleClient.For(factory);
        foreach (var path in new[] { "/SignIn", "/Simulator", "/assets/console.css", "/no-such-page" })
        {
            using var response = await stranger.GetAsync(path);
            var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline' 'unsafe-eval", csp);
            Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal(ConsoleSecurityHeaders.StrictTransportSecurity, Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        }

        var texter = factory.CreateTwilioClient();
        var reply = await texter.TextAsync("HELP");
        Assert.NotNull(reply);
        using var sms = await texter.PostAsync(texter.Fields("HELP", texter.NextSid()));
        Assert.Equal(HttpStatusCode.OK, sms.StatusCode);
        Assert.False(sms.Headers.Contains("Content-Security-Policy"));
        Assert.False(sms.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task With_no_account_sign_in_shows_how_to_make_the_first_one()
    {
        using var factory = new TextLineFactory();
        using var newcomer = ConsoleClient.For(factory);
        using var signIn = await newcomer.GetAsync("/SignIn");
        Assert.Equal(ConsoleClient.Url("/Setup"), ConsoleClient.Where(signIn));
        var setup = await newcomer.GetPageAsync("/Setup");
        Assert.Contains("staff add", setup);
        Assert.Contains("--role admin", setup);
    }

    [Fact]
    public async Task Turned_off_the_console_is_not_there_and_texts_still_work()
    {
        using var factory = new TextLineFactory();
        factory.Settings["Console:Enabled"] = "false";
        using var stranger = ConsoleClient.For(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/SignIn")).StatusCode);
        Assert.NotNull(await factory.CreateTwilioClient().TextAsync("HELP"));
    }

    private static async Task<KeyValuePair<string, string>> TokenFromAsync(ConsoleClient client, string path)
    {
        var page = await client.GetPageAsync(path);
        var match = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(match.Success, $"{path} has no form");
        return new("__RequestVerificationToken", WebUtility.HtmlDecode(match.Groups[1].Value));
    }

    /// <summary>The sign-out button every page has, with that page's token.</summary>
    private static async Task<HttpResponseMessage> SignOutAsync(ConsoleClient client)
    {
        var token = await TokenFromAsync(client, "/");
        return await client.PostWithoutTokenAsync("/SignOut", [token]);
    }

    [GeneratedRegex("<p class=\"error\" role=\"alert\"[^>]*>([^<]*)</p>")]
    private static partial Regex ProblemPattern();

    /// <summary>The line's own hasher, counting the passwords it checks.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private static async Task<IReadOnlyList<StaffAccountSummary>> ListAsync(TextLineFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync();
    }
}
