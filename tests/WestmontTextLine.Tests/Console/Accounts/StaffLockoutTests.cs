using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Tests.Console.Accounts;

/// <summary>
/// Five failed attempts lock an account for 15 minutes, measured on the line's clock (a fake one here): Identity's own
/// UserManager reads the system clock, StaffUserManager the TimeProvider. Sign-in goes through SignInManager, as the
/// console's will.
/// </summary>
public sealed class StaffLockoutTests
{
    private const string Password = "velvet otter lantern";
    private readonly FakeTimeProvider _time = new(StaffServices.Now);
    private readonly IServiceProvider _services;

    public StaffLockoutTests() => _services = StaffServices.Build(_time);

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_even_against_the_right_one()
    {
        await _services.AddAsync("ana", Password);

        for (var attempt = 1; attempt <= 4; attempt++) Assert.Equal(SignInResult.Failed, await CheckAsync("wrong password " + attempt));
        Assert.False(await IsLockedAsync());
        Assert.Equal(SignInResult.LockedOut, await CheckAsync("wrong password 5"));

        Assert.Equal(StaffServices.Now.AddMinutes(15), (await FindAsync()).LockoutEnd);
        Assert.Equal(SignInResult.LockedOut, await CheckAsync(Password));
        _time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(SignInResult.LockedOut, await CheckAsync(Password));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(SignInResult.Success, await CheckAsync(Password));
    }

    [Fact]
    public async Task A_right_password_before_the_fifth_failure_starts_the_count_again()
    {
        await _services.AddAsync("ana", Password);
        for (var attempt = 1; attempt <= 4; attempt++) await CheckAsync("wrong");

        Assert.Equal(SignInResult.Success, await CheckAsync(Password));
        for (var attempt = 1; attempt <= 4; attempt++) Assert.Equal(SignInResult.Failed, await CheckAsync("wrong"));
        Assert.False(await IsLockedAsync());
    }

    [Fact]
    public async Task Wrong_passwords_checked_against_copies_read_at_the_same_moment_are_each_counted()
    {
        await _services.AddAsync("ana", Password);
        // Five sign-in requests that all read the account before any of them counted its failure, as a burst of
        // attempts sent at once does: a store that wrote each copy over the same version would count one.
        var requests = new List<(SignInManager<StaffUser> SignIn, StaffUser User)>();
        for (var i = 0; i < 5; i++)
        {
            var signIn = _services.CreateScope().ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
            requests.Add((signIn, (await signIn.UserManager.FindByNameAsync("ana"))!));
        }

        var results = new List<SignInResult>();
        foreach (var (signIn, user) in requests) results.Add(await signIn.CheckPasswordSignInAsync(user, "wrong", lockoutOnFailure: true));

        Assert.Equal(SignInResult.LockedOut, results[^1]);
        Assert.True(await IsLockedAsync());
        Assert.Equal(SignInResult.LockedOut, await CheckAsync(Password));
    }

    [Fact]
    public async Task A_new_account_has_lockout_on()
    {
        await _services.AddAsync("ana", Password);

        Assert.True(await _services.Users().GetLockoutEnabledAsync(await FindAsync()));
    }

    private async Task<SignInResult> CheckAsync(string password)
    {
        using var scope = _services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
        var user = (await signIn.UserManager.FindByNameAsync("ana"))!;
        return await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
    }

    private async Task<StaffUser> FindAsync() => (await _services.Users().FindByNameAsync("ana"))!;

    private async Task<bool> IsLockedAsync() => await _services.Users().IsLockedOutAsync(await FindAsync());
}
