using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Tests.Console.Accounts;

/// <summary>
/// SignInManager&lt;StaffUser&gt; end to end with Identity's cookies, as the console will set them up (AddAuthentication
/// and AddIdentityCookies are the console's; the test adds them): password, then the authenticator code, then a cookie
/// whose principal has the role. Each step is its own request, carrying the cookies the last one set.
/// </summary>
public sealed class StaffSignInTests
{
    private const string Password = "velvet otter lantern";
    private readonly FakeTimeProvider _time = new(StaffServices.Now.AddSeconds(10));
    private readonly IServiceProvider _services;

    public StaffSignInTests() => _services = StaffServices.Build(_time, more: services =>
    {
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
    });

    [Fact]
    public async Task With_an_authenticator_the_password_alone_only_asks_for_the_code_and_the_code_signs_in_with_the_role()
    {
        var key = await EnrolAsync("ana", StaffRoles.Admin);
        var browser = new Browser(_services);

        Assert.Equal(SignInResult.TwoFactorRequired, await browser.SignInAsync(signIn => signIn.PasswordSignInAsync("ana", Password, false, true)));
        Assert.Null(await browser.UserAsync());

        var code = TotpCodes.At(key, _time.GetUtcNow());
        Assert.Equal(SignInResult.Success, await browser.SignInAsync(signIn => signIn.TwoFactorAuthenticatorSignInAsync(code, false, false)));

        var user = (await browser.UserAsync())!;
        Assert.Equal("ana", user.Identity!.Name);
        Assert.True(user.IsInRole(StaffRoles.Admin));
        Assert.Equal("mfa", user.FindFirstValue("amr"));
        Assert.Equal(StaffClaimsPrincipalFactory.SecondFactorEnrolled, user.FindFirstValue(StaffClaimsPrincipalFactory.SecondFactorClaimType));
    }

    [Fact]
    public async Task A_code_that_signed_in_once_does_not_sign_in_again()
    {
        var key = await EnrolAsync("ana", StaffRoles.Staff);
        var code = TotpCodes.At(key, _time.GetUtcNow());
        var first = new Browser(_services);
        var second = new Browser(_services);
        await first.SignInAsync(signIn => signIn.PasswordSignInAsync("ana", Password, false, true));
        await second.SignInAsync(signIn => signIn.PasswordSignInAsync("ana", Password, false, true));

        Assert.Equal(SignInResult.Success, await first.SignInAsync(signIn => signIn.TwoFactorAuthenticatorSignInAsync(code, false, false)));
        Assert.Equal(SignInResult.Failed, await second.SignInAsync(signIn => signIn.TwoFactorAuthenticatorSignInAsync(code, false, false)));
        Assert.Null(await second.UserAsync());
    }

    [Fact]
    public async Task Five_wrong_codes_after_the_right_password_lock_the_account()
    {
        await EnrolAsync("ana", StaffRoles.Staff);
        var browser = new Browser(_services);
        await browser.SignInAsync(signIn => signIn.PasswordSignInAsync("ana", Password, false, true));

        var results = new List<SignInResult>();
        for (var attempt = 0; attempt < 5; attempt++) results.Add(await browser.SignInAsync(signIn => signIn.TwoFactorAuthenticatorSignInAsync("000000", false, false)));

        Assert.Equal(SignInResult.LockedOut, results[^1]);
        Assert.Equal(SignInResult.LockedOut, await new Browser(_services).SignInAsync(signIn => signIn.PasswordSignInAsync("ana", Password, false, true)));
    }

    [Fact]
    public async Task Without_a_second_factor_the_password_signs_in_and_the_principal_says_none_is_set_up()
    {
        await _services.AddAsync("bo", Password, StaffRoles.Staff);
        var browser = new Browser(_services);

        Assert.Equal(SignInResult.Success, await browser.SignInAsync(signIn => signIn.PasswordSignInAsync("bo", Password, false, true)));

        var user = (await browser.UserAsync())!;
        Assert.Equal("pwd", user.FindFirstValue("amr"));
        Assert.Equal(StaffClaimsPrincipalFactory.SecondFactorNone, user.FindFirstValue(StaffClaimsPrincipalFactory.SecondFactorClaimType));
        Assert.False(user.IsInRole(StaffRoles.Admin));
    }

    [Fact]
    public async Task An_unknown_name_or_a_removed_account_does_not_sign_in()
    {
        await _services.AddAsync("bo", Password);
        using (var scope = _services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().RemoveAsync("bo", "ana")).Succeeded);
        }

        Assert.Equal(SignInResult.Failed, await new Browser(_services).SignInAsync(signIn => signIn.PasswordSignInAsync("bo", Password, false, true)));
        Assert.Equal(SignInResult.Failed, await new Browser(_services).SignInAsync(signIn => signIn.PasswordSignInAsync("nobody", Password, false, true)));
    }

    private async Task<string> EnrolAsync(string name, string role)
    {
        var user = await _services.AddAsync(name, Password, role);
        var users = _services.Users();
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        Assert.True(await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, TotpCodes.At(key, _time.GetUtcNow())));
        await users.SetTwoFactorEnabledAsync(user, true);
        _time.Advance(TimeSpan.FromSeconds(30));
        return key;
    }

    /// <summary>Requests from one browser: each in its own scope, sending back the cookies the earlier ones set.</summary>
    private sealed class Browser(IServiceProvider services)
    {
        private readonly Dictionary<string, string> _cookies = [];

        public async Task<SignInResult> SignInAsync(Func<SignInManager<StaffUser>, Task<SignInResult>> signIn)
        {
            using var scope = services.CreateScope();
            var context = Request(scope);
            var manager = scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
            manager.Context = context;
            var result = await signIn(manager);
            Keep(context.Response);
            return result;
        }

        public async Task<ClaimsPrincipal?> UserAsync()
        {
            using var scope = services.CreateScope();
            var result = await Request(scope).AuthenticateAsync(IdentityConstants.ApplicationScheme);
            return result.Succeeded ? result.Principal : null;
        }

        private DefaultHttpContext Request(IServiceScope scope)
        {
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            context.Request.Scheme = "https";
            context.Request.Host = new HostString("line.example");
            context.Request.Headers.Cookie = string.Join("; ", _cookies.Select(cookie => $"{cookie.Key}={cookie.Value}"));
            return context;
        }

        private void Keep(HttpResponse response)
        {
            foreach (var header in response.Headers.SetCookie)
            {
                var pair = header!.Split(';')[0].Split('=', 2);
                var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                if (expired || pair[1].Length == 0) _cookies.Remove(pair[0]);
                else _cookies[pair[0]] = pair[1];
            }
        }
    }
}
