using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Privacy;
using WestmontTextLine.Records;

namespace WestmontTextLine.Tests.Console.Accounts;

/// <summary>
/// What the staff account store must do on every private-records store: in memory, SQLite on a temporary file and a
/// real redis-server (one subclass each). "Another instance" is a second store over its own connection where there is
/// one, as a second instance of the line would have.
/// </summary>
public abstract class StaffUserStoreContract
{
    protected static readonly DateTimeOffset Now = StaffServices.Now;
    protected static readonly PersonalDataCipher Cipher = new(RandomNumberGenerator.GetBytes(32));
    private const string AuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    protected FakeTimeProvider Time { get; } = new(Now);

    protected abstract IPrivateRecords Records { get; }

    protected abstract IPrivateRecords OtherInstance { get; }

    protected StaffUserStore Store => new(Records, Cipher, new UpperInvariantLookupNormalizer(), Time);

    protected StaffUserStore OtherStore => new(OtherInstance, Cipher, new UpperInvariantLookupNormalizer(), Time);

    protected async Task<StaffUser> CreateAsync(StaffUserStore store, string name, string role = StaffRoles.Staff)
    {
        var user = new StaffUser(name, role);
        await store.SetPasswordHashAsync(user, $"hash-of-{name}", default);
        await store.SetSecurityStampAsync(user, $"stamp-of-{name}", default);
        var result = await store.CreateAsync(user, default);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(error => error.Code)));
        return user;
    }

    [Fact]
    public async Task An_account_is_stored_under_its_normalised_name_which_is_its_id()
    {
        var created = await CreateAsync(Store, "Ana", StaffRoles.Admin);

        Assert.Equal("ANA", created.NormalizedUserName);
        Assert.Equal("ANA", await Store.GetUserIdAsync(created, default));
        foreach (var found in new[] { await OtherStore.FindByNameAsync("ANA", default), await OtherStore.FindByIdAsync("ANA", default) })
        {
            Assert.NotNull(found);
            Assert.Equal(("Ana", "ANA", StaffRoles.Admin, Now, "1"), (found.UserName, found.NormalizedUserName, found.Role, found.CreatedAt, found.ConcurrencyStamp));
            Assert.Equal("hash-of-Ana", await Store.GetPasswordHashAsync(found, default));
            Assert.Equal("stamp-of-Ana", await Store.GetSecurityStampAsync(found, default));
        }
        Assert.Null(await Store.FindByNameAsync("BO", default));
    }

    [Fact]
    public async Task A_second_account_under_the_same_name_in_any_case_is_refused_and_the_first_is_kept()
    {
        await CreateAsync(Store, "ana", StaffRoles.Admin);

        var second = new StaffUser("ANA", StaffRoles.Staff);
        var result = await OtherStore.CreateAsync(second, default);

        Assert.Equal(nameof(IdentityErrorDescriber.DuplicateUserName), Assert.Single(result.Errors).Code);
        Assert.Equal(StaffRoles.Admin, (await Store.FindByNameAsync("ANA", default))!.Role);
        Assert.Equal(["ana"], (await Store.ListAsync()).Select(user => user.UserName));
    }

    [Fact]
    public async Task Every_field_survives_an_update_and_each_write_counts_the_version_up()
    {
        var user = await CreateAsync(Store, "ana");
        var lockoutEnd = Now.AddMinutes(15);
        await Store.SetLockoutEnabledAsync(user, true, default);
        await Store.SetLockoutEndDateAsync(user, lockoutEnd, default);
        await Store.IncrementAccessFailedCountAsync(user, default);
        await Store.IncrementAccessFailedCountAsync(user, default);
        await Store.SetTwoFactorEnabledAsync(user, true, default);
        await Store.SetAuthenticatorKeyAsync(user, AuthenticatorKey, default);
        await Store.ReplaceCodesAsync(user, ["AAAAA-BBBBB", "CCCCC-DDDDD"], default);
        await Store.SetPasswordHashAsync(user, "new-hash", default);

        Assert.True((await Store.UpdateAsync(user, default)).Succeeded);

        var found = (await OtherStore.FindByNameAsync("ANA", default))!;
        Assert.Equal("2", found.ConcurrencyStamp);
        Assert.Equal(lockoutEnd, await OtherStore.GetLockoutEndDateAsync(found, default));
        Assert.True(await OtherStore.GetLockoutEnabledAsync(found, default));
        Assert.Equal(2, await OtherStore.GetAccessFailedCountAsync(found, default));
        Assert.True(await OtherStore.GetTwoFactorEnabledAsync(found, default));
        Assert.Equal(AuthenticatorKey, await OtherStore.GetAuthenticatorKeyAsync(found, default));
        Assert.Equal(2, await OtherStore.CountCodesAsync(found, default));
        Assert.Equal("new-hash", await OtherStore.GetPasswordHashAsync(found, default));
        Assert.True(found.TwoFactorEnabled);
    }

    [Fact]
    public async Task An_update_from_a_stale_copy_is_a_concurrency_failure_and_the_newer_change_stays()
    {
        await CreateAsync(Store, "ana");
        var first = (await Store.FindByNameAsync("ANA", default))!;
        var stale = (await OtherStore.FindByNameAsync("ANA", default))!;
        await Store.SetPasswordHashAsync(first, "first", default);
        await OtherStore.SetPasswordHashAsync(stale, "stale", default);

        Assert.True((await Store.UpdateAsync(first, default)).Succeeded);
        var refused = await OtherStore.UpdateAsync(stale, default);

        Assert.Equal(nameof(IdentityErrorDescriber.ConcurrencyFailure), Assert.Single(refused.Errors).Code);
        Assert.Equal("first", await Store.GetPasswordHashAsync((await Store.FindByNameAsync("ANA", default))!, default));
    }

    [Fact]
    public async Task Of_two_instances_updating_the_same_version_at_once_exactly_one_wins_every_time()
    {
        await CreateAsync(Store, "ana");
        for (var round = 0; round < 20; round++)
        {
            var mine = (await Store.FindByNameAsync("ANA", default))!;
            var theirs = (await OtherStore.FindByNameAsync("ANA", default))!;
            var results = await Task.WhenAll(
                Task.Run(() => Store.UpdateAsync(mine, default)),
                Task.Run(() => OtherStore.UpdateAsync(theirs, default)));
            Assert.Single(results, result => result.Succeeded);
        }
        Assert.Equal("21", (await Store.FindByNameAsync("ANA", default))!.ConcurrencyStamp);
    }

    [Fact]
    public async Task A_deleted_account_is_gone_from_lookups_and_the_list_and_its_name_can_be_used_again()
    {
        var ana = await CreateAsync(Store, "ana");
        await CreateAsync(Store, "bo");

        Assert.True((await OtherStore.DeleteAsync(ana, default)).Succeeded);

        Assert.Null(await Store.FindByNameAsync("ANA", default));
        Assert.Equal(["bo"], (await Store.ListAsync()).Select(user => user.UserName));
        var again = await CreateAsync(Store, "ana", StaffRoles.Admin);
        Assert.Equal("1", again.ConcurrencyStamp);
    }

    [Fact]
    public async Task The_list_has_every_account_in_name_order_and_skips_a_name_whose_account_is_gone()
    {
        foreach (var name in new[] { "cy", "ana", "bo" }) await CreateAsync(Store, name);
        // As a crash between deleting an account and updating the index would leave it.
        await Records.DeleteAsync(StaffUserStore.UserKind, "BO");

        Assert.Equal(["ana", "cy"], (await OtherStore.ListAsync()).Select(user => user.UserName));
    }

    [Fact]
    public async Task Accounts_created_at_once_on_two_instances_are_all_in_the_list()
    {
        var names = Enumerable.Range(0, 12).Select(i => $"staff{i:00}").ToList();

        await Task.WhenAll(names.Select((name, i) => Task.Run(() => CreateAsync(i % 2 == 0 ? Store : OtherStore, name))));

        Assert.Equal(names, (await Store.ListAsync()).Select(user => user.UserName));
    }

    [Fact]
    public async Task An_account_cannot_be_renamed()
    {
        var user = await CreateAsync(Store, "ana");
        await Store.SetUserNameAsync(user, "anna", default);
        await Store.SetNormalizedUserNameAsync(user, "ANNA", default);

        var result = await Store.UpdateAsync(user, default);

        Assert.Equal(StaffUserStore.Renamed.Code, Assert.Single(result.Errors).Code);
        Assert.Null(await Store.FindByNameAsync("ANNA", default));
        Assert.Equal("ana", (await Store.FindByNameAsync("ANA", default))!.UserName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_name_that_is_empty_or_too_long_finds_nothing(string name)
    {
        Assert.Null(await Store.FindByNameAsync(name, default));
        Assert.Null(await Store.FindByIdAsync(name, default));
    }

    [Fact]
    public async Task The_authenticator_key_and_recovery_codes_are_sealed_and_bound_to_their_account()
    {
        var ana = await CreateAsync(Store, "ana");
        var bo = await CreateAsync(Store, "bo");
        await Store.SetAuthenticatorKeyAsync(ana, AuthenticatorKey, default);
        await Store.ReplaceCodesAsync(ana, ["AAAAA-BBBBB"], default);
        await Store.UpdateAsync(ana, default);

        var payload = (await Records.GetAsync(StaffUserStore.UserKind, "ANA", Now))!.Payload;
        Assert.True(Encoding.UTF8.GetString(payload).Contains("\"UserName\":\"ana\"", StringComparison.Ordinal), "the test must read the record");
        Assert.False(payload.AsSpan().IndexOf(Encoding.ASCII.GetBytes(AuthenticatorKey)) >= 0, "the authenticator key is stored in clear");
        Assert.False(payload.AsSpan().IndexOf(Encoding.ASCII.GetBytes("AAAAA-BBBBB")) >= 0, "a recovery code is stored in clear");

        // Moved to another account, the sealed values do not open.
        bo.State = bo.State with { SealedAuthenticatorKey = ana.State.SealedAuthenticatorKey, SealedRecoveryCodes = ana.State.SealedRecoveryCodes };
        await Assert.ThrowsAnyAsync<CryptographicException>(() => Store.GetAuthenticatorKeyAsync(bo, default));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => Store.CountCodesAsync(bo, default));
    }

    [Fact]
    public async Task A_recovery_code_is_redeemed_once_whatever_its_case()
    {
        var user = await CreateAsync(Store, "ana");
        await Store.ReplaceCodesAsync(user, ["AAAAA-BBBBB", "CCCCC-DDDDD", "EEEEE-FFFFF"], default);

        Assert.True(await Store.RedeemCodeAsync(user, " ccccc-ddddd ", default));
        Assert.False(await Store.RedeemCodeAsync(user, "CCCCC-DDDDD", default));
        Assert.False(await Store.RedeemCodeAsync(user, "GGGGG-HHHHH", default));
        Assert.Equal(2, await Store.CountCodesAsync(user, default));

        await Store.ReplaceCodesAsync(user, ["GGGGG-HHHHH"], default);
        Assert.False(await Store.RedeemCodeAsync(user, "AAAAA-BBBBB", default));
        Assert.Equal(1, await Store.CountCodesAsync(user, default));
    }

    [Fact]
    public async Task A_passkey_finds_its_account_on_any_instance_until_it_is_removed()
    {
        var user = await CreateAsync(Store, "ana");
        var passkey = Passkey(1);
        await Store.AddOrUpdatePasskeyAsync(user, passkey, default);
        await Store.UpdateAsync(user, default);

        var found = (await OtherStore.FindByPasskeyIdAsync(passkey.CredentialId, default))!;
        Assert.Equal("ANA", found.NormalizedUserName);
        var stored = Assert.Single(await OtherStore.GetPasskeysAsync(found, default));
        Assert.Equal(passkey.PublicKey, stored.PublicKey);
        Assert.Equal(("laptop", 7u, true), (stored.Name, stored.SignCount, stored.IsUserVerified));

        stored.SignCount = 8;
        await OtherStore.AddOrUpdatePasskeyAsync(found, stored, default);
        await OtherStore.UpdateAsync(found, default);
        found = (await Store.FindByPasskeyIdAsync(passkey.CredentialId, default))!;
        Assert.Equal(8u, Assert.Single(await Store.GetPasskeysAsync(found, default)).SignCount);

        await Store.RemovePasskeyAsync(found, passkey.CredentialId, default);
        await Store.UpdateAsync(found, default);
        Assert.Null(await OtherStore.FindByPasskeyIdAsync(passkey.CredentialId, default));
        Assert.Null(await Records.GetAsync(StaffUserStore.PasskeyKind, StaffUserStore.PasskeyKey(passkey.CredentialId), Now));
        Assert.Null(await Store.FindPasskeyAsync(found, passkey.CredentialId, default));
    }

    [Fact]
    public async Task A_passkey_another_account_holds_cannot_be_added_and_a_stale_index_entry_finds_nobody()
    {
        var ana = await CreateAsync(Store, "ana");
        var bo = await CreateAsync(Store, "bo");
        await Store.AddOrUpdatePasskeyAsync(ana, Passkey(1), default);
        await Store.UpdateAsync(ana, default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => OtherStore.AddOrUpdatePasskeyAsync(bo, Passkey(1), default));

        // An entry whose account never got the passkey (a crash before the account was saved).
        await Store.AddOrUpdatePasskeyAsync(bo, Passkey(2), default);
        Assert.Null(await OtherStore.FindByPasskeyIdAsync(Passkey(2).CredentialId, default));
    }

    [Fact]
    public async Task Removing_an_account_removes_its_passkeys_index_entries()
    {
        var ana = await CreateAsync(Store, "ana");
        await Store.AddOrUpdatePasskeyAsync(ana, Passkey(1), default);
        await Store.UpdateAsync(ana, default);

        await OtherStore.DeleteAsync((await OtherStore.FindByNameAsync("ANA", default))!, default);

        Assert.Null(await Records.GetAsync(StaffUserStore.PasskeyKind, StaffUserStore.PasskeyKey(Passkey(1).CredentialId), Now));
        Assert.Null(await Store.FindByPasskeyIdAsync(Passkey(1).CredentialId, default));
    }

    private static UserPasskeyInfo Passkey(byte id) => new(
        credentialId: [id, 2, 3, 4, 5, 6, 7, 8], publicKey: [9, 9, id], createdAt: Now, signCount: 7, transports: ["internal"],
        isUserVerified: true, isBackupEligible: true, isBackedUp: false, attestationObject: [1], clientDataJson: [2])
    {
        Name = "laptop",
    };
}
