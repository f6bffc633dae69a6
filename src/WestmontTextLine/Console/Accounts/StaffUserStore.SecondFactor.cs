using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// The authenticator key and the recovery codes, sealed with AES-GCM (<see cref="Privacy.PersonalDataCipher"/>) and
/// bound to the account (associated data "staff-user:KEY"), so neither reads from a copied database file without the
/// line's key, nor decrypts when moved to another account. Recovery codes are kept as SHA-256 hashes inside the seal:
/// even with the key, only the codes' hashes are there, and each is good once.
/// </summary>
public sealed partial class StaffUserStore
{
    public Task SetAuthenticatorKeyAsync(StaffUser user, string? key, CancellationToken cancellationToken) =>
        Change(user, state => state with { SealedAuthenticatorKey = key is null ? null : _cipher.Encrypt(key, AuthenticatorKeyData(user)) });

    public Task<string?> GetAuthenticatorKeyAsync(StaffUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.State.SealedAuthenticatorKey is { } sealedKey ? _cipher.Decrypt(sealedKey, AuthenticatorKeyData(user)) : null);

    public Task ReplaceCodesAsync(StaffUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        Change(user, state => state with { SealedRecoveryCodes = SealCodes(user, [.. recoveryCodes.Select(HashOf)]) });

    public Task<bool> RedeemCodeAsync(StaffUser user, string code, CancellationToken cancellationToken)
    {
        var hashes = UnsealCodes(user);
        var hash = HashOf(code);
        var index = hashes.FindIndex(stored => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(hash)));
        if (index < 0) return Task.FromResult(false);
        hashes.RemoveAt(index);
        user.State = user.State with { SealedRecoveryCodes = SealCodes(user, hashes) };
        return Task.FromResult(true);
    }

    public Task<int> CountCodesAsync(StaffUser user, CancellationToken cancellationToken) => Task.FromResult(UnsealCodes(user).Count);

    private string AuthenticatorKeyData(StaffUser user) => AuthenticatorKeyData(KeyOf(user));

    private string RecoveryCodesData(StaffUser user) => RecoveryCodesData(KeyOf(user));

    private static string AuthenticatorKeyData(string key) => $"{UserKind}:{key}";

    private static string RecoveryCodesData(string key) => $"{UserKind}:{key}:recovery-codes";

    private byte[] SealCodes(StaffUser user, List<string> hashes) =>
        _cipher.Encrypt(JsonSerializer.Serialize(hashes, StaffAccountsJson.Default.ListString), RecoveryCodesData(user));

    private List<string> UnsealCodes(StaffUser user) =>
        user.State.SealedRecoveryCodes is { } sealedCodes
            ? JsonSerializer.Deserialize(_cipher.Decrypt(sealedCodes, RecoveryCodesData(user)), StaffAccountsJson.Default.ListString) ?? []
            : [];

    // Codes are upper-case letters, digits and a dash: a code typed in lower case or with spaces around still counts.
    private static string HashOf(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));
}
