using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using WestmontTextLine.Privacy;
using WestmontTextLine.Records;

namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// ASP.NET Core Identity's user store for staff accounts, over <see cref="IPrivateRecords"/> (SQLite, Redis or
/// memory, as the line's storage is): one record per account, kind "staff-user", keyed by the normalised user name,
/// which is also Identity's user id; and the <see cref="StaffIndex"/> of every account. Identity's setters change the
/// object in memory; <see cref="UpdateAsync"/> then writes it by compare-and-set over the version it was read at, and
/// answers ConcurrencyFailure when someone else wrote first. Accounts are never renamed.
/// </summary>
public sealed partial class StaffUserStore :
    IUserPasswordStore<StaffUser>,
    IUserSecurityStampStore<StaffUser>,
    IUserLockoutStore<StaffUser>,
    IUserTwoFactorStore<StaffUser>,
    IUserAuthenticatorKeyStore<StaffUser>,
    IUserTwoFactorRecoveryCodeStore<StaffUser>,
    IUserPasskeyStore<StaffUser>
{
    public const string UserKind = "staff-user";
    public const int MaxUserNameLength = 64;

    private readonly IPrivateRecords _records;
    private readonly PersonalDataCipher _cipher;
    private readonly ILookupNormalizer _normalizer;
    private readonly TimeProvider _time;
    private readonly IdentityErrorDescriber _errors;
    private readonly StaffIndex _index;

    public StaffUserStore(IPrivateRecords records, PersonalDataCipher cipher, ILookupNormalizer normalizer, TimeProvider time,
        IdentityErrorDescriber? errors = null)
    {
        _records = records;
        _cipher = cipher;
        _normalizer = normalizer;
        _time = time;
        _errors = errors ?? new IdentityErrorDescriber();
        _index = new StaffIndex(records, time);
    }

    public static IdentityError Renamed => new()
    {
        Code = "StaffAccountRenamed",
        Description = "A staff account cannot be renamed: add an account under the new name and remove the old one.",
    };

    public async Task<IdentityResult> CreateAsync(StaffUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Version != 0) throw new InvalidOperationException($"The staff account {user.UserName} is already stored.");
        var key = KeyOf(user);
        if (!IsUsableKey(key)) return IdentityResult.Failed(_errors.InvalidUserName(user.UserName));
        await _index.AddAsync(key, cancellationToken);
        var now = _time.GetUtcNow();
        var state = user.State with { CreatedAt = now };
        if (!await _records.TryPutAsync(UserKind, key, Serialize(state), 0, expiresAt: null, now, cancellationToken))
        {
            return IdentityResult.Failed(_errors.DuplicateUserName(user.UserName));
        }
        user.State = state;
        user.NormalizedUserName = user.StoredKey = key;
        user.Version = 1;
        user.StoredPasskeyIds = PasskeyKeysOf(state);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(StaffUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.StoredKey is not { } key || user.Version == 0) return IdentityResult.Failed(_errors.ConcurrencyFailure());
        if (KeyOf(user) != key) return IdentityResult.Failed(Renamed);
        var payload = Serialize(user.State);
        if (!await _records.TryPutAsync(UserKind, key, payload, user.Version, expiresAt: null, _time.GetUtcNow(), cancellationToken))
        {
            return IdentityResult.Failed(_errors.ConcurrencyFailure());
        }
        user.Version++;
        await ForgetDroppedPasskeysAsync(user, cancellationToken);
        return IdentityResult.Success;
    }

    /// <summary>Deletes the account, whatever its version: removing someone must not fail because they just tried to sign in.</summary>
    public async Task<IdentityResult> DeleteAsync(StaffUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = user.StoredKey ?? KeyOf(user);
        var stored = await FindByKeyAsync(key, cancellationToken);
        await _records.DeleteAsync(UserKind, key, cancellationToken);
        var passkeys = user.StoredPasskeyIds.Union(stored?.StoredPasskeyIds ?? []);
        foreach (var passkey in passkeys) await _records.DeleteAsync(PasskeyKind, passkey, cancellationToken);
        await _index.RemoveAsync(key, cancellationToken);
        return IdentityResult.Success;
    }

    /// <summary>Identity's user id is the normalised user name.</summary>
    public Task<StaffUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => FindByKeyAsync(userId, cancellationToken);

    public Task<StaffUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindByKeyAsync(normalizedUserName, cancellationToken);

    /// <summary>Every account, ordered by normalised name.</summary>
    public async Task<IReadOnlyList<StaffUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        var users = new List<StaffUser>();
        foreach (var key in await _index.KeysAsync(cancellationToken))
        {
            if (await FindByKeyAsync(key, cancellationToken) is { } user) users.Add(user);
        }
        return users;
    }

    public Task<string> GetUserIdAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(KeyOf(user));

    public Task<string?> GetUserNameAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(StaffUser user, string? userName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        user.State = user.State with { UserName = userName };
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(StaffUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName;
        return Task.CompletedTask;
    }

    private async Task<StaffUser?> FindByKeyAsync(string? key, CancellationToken cancellationToken)
    {
        if (!IsUsableKey(key)) return null;
        var stored = await _records.GetAsync(UserKind, key, _time.GetUtcNow(), cancellationToken);
        return stored is null ? null : new StaffUser(Deserialize(stored.Payload), key, stored.Version);
    }

    // Before Identity normalises a new user's name (it validates first), the id is what normalising will give.
    private string KeyOf(StaffUser user) => user.NormalizedUserName ?? _normalizer.NormalizeName(user.UserName);

    // Sign-in looks up whatever was typed: nothing empty or long reaches the store as a key.
    private static bool IsUsableKey([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? key) =>
        !string.IsNullOrWhiteSpace(key) && key.Length <= MaxUserNameLength;

    private static byte[] Serialize(StaffUserRecord state) => JsonSerializer.SerializeToUtf8Bytes(state, StaffAccountsJson.Default.StaffUserRecord);

    private static StaffUserRecord Deserialize(byte[] payload) =>
        JsonSerializer.Deserialize(payload, StaffAccountsJson.Default.StaffUserRecord)
        ?? throw new InvalidDataException("A staff account record is empty.");

    public void Dispose()
    {
    }
}
