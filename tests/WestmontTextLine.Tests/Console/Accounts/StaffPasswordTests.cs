using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Tests.Console.Accounts;

/// <summary>The password rule through UserManager, as AddStaffAccounts sets it: 12 characters, not common, not the name.</summary>
public sealed class StaffPasswordTests
{
    private const string GoodPassword = "velvet otter lantern";
    private readonly IServiceProvider _services = StaffServices.Build(new FakeTimeProvider(StaffServices.Now));

    [Theory]
    [InlineData("", "PasswordTooShort")]
    [InlineData("elevenchars", "PasswordTooShort")]
    [InlineData("password1234", "PasswordCommon")]
    [InlineData("QWERTY123456", "PasswordCommon")]
    [InlineData("1qaz2wsx3edc", "PasswordCommon")]
    [InlineData("baseball!2024!", "PasswordCommon")]
    [InlineData("aaaabbbbcccc", "PasswordRequiresUniqueChars")]
    [InlineData("my name is ana-maria", "PasswordContainsUserName")]
    [InlineData("i love Westmont town", "PasswordContainsLineName")]
    public async Task A_weak_password_is_refused_with_the_reason_and_no_account_is_made(string password, string reason)
    {
        var result = await _services.Users().CreateAsync(new StaffUser("ana-maria", StaffRoles.Staff), password);

        Assert.False(result.Succeeded);
        Assert.Contains(reason, result.Errors.Select(error => error.Code));
        Assert.Null(await _services.Users().FindByNameAsync("ana-maria"));
    }

    [Fact]
    public async Task A_password_longer_than_the_limit_is_refused()
    {
        var result = await _services.Users().CreateAsync(new StaffUser("ana", StaffRoles.Staff), string.Concat(Enumerable.Repeat("tulip river ", 22)));

        Assert.Equal([StaffPasswordValidator.TooLong.Code], result.Errors.Select(error => error.Code));
    }

    [Theory]
    [InlineData(GoodPassword)]
    [InlineData("no digits or symbols needed")]
    [InlineData("Kq7#vLp2!xZm")]
    public async Task A_long_uncommon_password_is_taken_without_rules_about_digits_or_symbols(string password)
    {
        var result = await _services.Users().CreateAsync(new StaffUser("ana", StaffRoles.Staff), password);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(error => error.Description)));
    }

    [Fact]
    public async Task The_password_is_stored_as_a_hash_that_checks_the_right_password_only()
    {
        await _services.AddAsync("ana", GoodPassword);
        var users = _services.Users();
        var user = (await users.FindByNameAsync("ANA"))!;

        Assert.True(await users.CheckPasswordAsync(user, GoodPassword));
        Assert.False(await users.CheckPasswordAsync(user, "velvet otter lanterns"));
        Assert.False(await users.CheckPasswordAsync(user, GoodPassword.ToUpperInvariant()));
        var hash = user.State.PasswordHash!;
        Assert.DoesNotContain(GoodPassword, hash);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<StaffUser>().VerifyHashedPassword(user, hash, GoodPassword));
    }

    [Fact]
    public async Task An_unknown_role_or_a_name_with_other_characters_is_refused()
    {
        var users = _services.Users();

        var boss = await users.CreateAsync(new StaffUser("ana", "boss"), GoodPassword);
        var spaced = await users.CreateAsync(new StaffUser("ana maria", StaffRoles.Staff), GoodPassword);
        var long_ = await users.CreateAsync(new StaffUser(new string('a', 65), StaffRoles.Staff), GoodPassword);

        Assert.Contains("StaffRoleUnknown", boss.Errors.Select(error => error.Code));
        Assert.Contains(nameof(IdentityErrorDescriber.InvalidUserName), spaced.Errors.Select(error => error.Code));
        Assert.Contains(StaffUserValidator.NameTooLong.Code, long_.Errors.Select(error => error.Code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_name_is_refused_with_a_message(string name)
    {
        var result = await _services.Users().CreateAsync(new StaffUser(name, StaffRoles.Staff), GoodPassword);

        Assert.Contains(nameof(IdentityErrorDescriber.InvalidUserName), result.Errors.Select(error => error.Code));
    }

    [Fact]
    public void The_common_password_list_is_zxcvbns_30000_and_ignores_case()
    {
        Assert.Equal(30_000, CommonPasswords.Count);
        Assert.True(CommonPasswords.Contains("password"));
        Assert.True(CommonPasswords.Contains("PaSsWoRd"));
        Assert.True(CommonPasswords.Contains("qwertyuiop"));
        Assert.False(CommonPasswords.Contains(GoodPassword));
    }
}
