using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// Passkeys (WebAuthn credentials, ASP.NET Core Identity's IUserPasskeyStore), kept in the account's record, plus one
/// small record per credential (kind "staff-passkey", key a SHA-256 of the credential id, payload the account's key)
/// so that a passkey sign-in finds its account. An index entry is written before the account that holds the passkey,
/// and removed after; an entry whose account does not hold that passkey (a crash between the two) is ignored.
/// </summary>
public sealed partial class StaffUserStore
{
    public const string PasskeyKind = "staff-passkey";
    private const int PasskeyIndexAttempts = 4;

    public async Task AddOrUpdatePasskeyAsync(StaffUser user, UserPasskeyInfo passkey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(passkey);
        await IndexPasskeyAsync(PasskeyKey(passkey.CredentialId), KeyOf(user), cancellationToken);
        var others = user.State.Passkeys.Where(stored => !stored.CredentialId.AsSpan().SequenceEqual(passkey.CredentialId));
        user.State = user.State with { Passkeys = [.. others, ToRecord(passkey)] };
    }

    public Task<IList<UserPasskeyInfo>> GetPasskeysAsync(StaffUser user, CancellationToken cancellationToken) =>
        Task.FromResult<IList<UserPasskeyInfo>>([.. user.State.Passkeys.Select(ToInfo)]);

    public async Task<StaffUser?> FindByPasskeyIdAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        var owner = await OwnerOfAsync(PasskeyKey(credentialId), cancellationToken);
        var user = await FindByKeyAsync(owner, cancellationToken);
        return user is not null && Holds(user, credentialId) ? user : null;
    }

    public Task<UserPasskeyInfo?> FindPasskeyAsync(StaffUser user, byte[] credentialId, CancellationToken cancellationToken) =>
        Task.FromResult(user.State.Passkeys.FirstOrDefault(stored => stored.CredentialId.AsSpan().SequenceEqual(credentialId)) is { } found
            ? ToInfo(found)
            : null);

    /// <summary>Drops the passkey from the account; its index entry goes once the account is saved without it.</summary>
    public Task RemovePasskeyAsync(StaffUser user, byte[] credentialId, CancellationToken cancellationToken) =>
        Change(user, state => state with { Passkeys = [.. state.Passkeys.Where(stored => !stored.CredentialId.AsSpan().SequenceEqual(credentialId))] });

    internal static string PasskeyKey(byte[] credentialId) => Convert.ToHexStringLower(SHA256.HashData(credentialId));

    private static HashSet<string> PasskeyKeysOf(StaffUserRecord state) => [.. state.Passkeys.Select(passkey => PasskeyKey(passkey.CredentialId))];

    private static bool Holds(StaffUser user, byte[] credentialId) =>
        user.State.Passkeys.Any(stored => stored.CredentialId.AsSpan().SequenceEqual(credentialId));

    private async Task IndexPasskeyAsync(string passkeyKey, string owner, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= PasskeyIndexAttempts; attempt++)
        {
            var now = _time.GetUtcNow();
            var indexed = await _records.GetAsync(PasskeyKind, passkeyKey, now, cancellationToken);
            if (indexed is not null)
            {
                var current = Encoding.UTF8.GetString(indexed.Payload);
                if (current == owner) return;
                // A credential id is unique to one authenticator: one that another account still holds is not taken over.
                if (await FindByKeyAsync(current, cancellationToken) is { } other && other.State.Passkeys.Any(p => PasskeyKey(p.CredentialId) == passkeyKey))
                {
                    throw new InvalidOperationException("This passkey is already registered to another staff account.");
                }
            }
            if (await _records.TryPutAsync(PasskeyKind, passkeyKey, Encoding.UTF8.GetBytes(owner), indexed?.Version ?? 0, expiresAt: null, now,
                    cancellationToken))
            {
                return;
            }
        }
        throw new InvalidOperationException("The passkey's index entry kept changing; try again.");
    }

    private async Task<string?> OwnerOfAsync(string passkeyKey, CancellationToken cancellationToken) =>
        await _records.GetAsync(PasskeyKind, passkeyKey, _time.GetUtcNow(), cancellationToken) is { } indexed
            ? Encoding.UTF8.GetString(indexed.Payload)
            : null;

    private async Task ForgetDroppedPasskeysAsync(StaffUser user, CancellationToken cancellationToken)
    {
        var held = PasskeyKeysOf(user.State);
        foreach (var dropped in user.StoredPasskeyIds.Except(held))
        {
            if (await OwnerOfAsync(dropped, cancellationToken) == user.StoredKey) await _records.DeleteAsync(PasskeyKind, dropped, cancellationToken);
        }
        user.StoredPasskeyIds = held;
    }

    private static StaffPasskeyRecord ToRecord(UserPasskeyInfo passkey) => new(
        passkey.CredentialId, passkey.PublicKey, passkey.Name, passkey.CreatedAt, passkey.SignCount, passkey.Transports,
        passkey.IsUserVerified, passkey.IsBackupEligible, passkey.IsBackedUp, passkey.AttestationObject, passkey.ClientDataJson);

    private static UserPasskeyInfo ToInfo(StaffPasskeyRecord stored) => new(
        stored.CredentialId, stored.PublicKey, stored.CreatedAt, stored.SignCount, stored.Transports, stored.IsUserVerified,
        stored.IsBackupEligible, stored.IsBackedUp, stored.AttestationObject, stored.ClientDataJson)
    {
        Name = stored.Name,
    };
}
