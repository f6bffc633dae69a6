using System.Text.Json.Serialization;

namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// A staff account as stored, as JSON, in the private-records store (kind "staff-user", key the normalised name). The
/// authenticator key and the recovery codes' hashes are sealed by <see cref="Privacy.PersonalDataCipher"/>; the
/// password is PasswordHasher's hash. Nothing in it is a texter's.
/// </summary>
internal sealed record StaffUserRecord
{
    public required string UserName { get; init; }
    public required string Role { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? PasswordHash { get; init; }
    public string? SecurityStamp { get; init; }
    public bool LockoutEnabled { get; init; }
    public DateTimeOffset? LockoutEnd { get; init; }
    public int AccessFailedCount { get; init; }

    /// <summary>Wrong passwords at sign-in from any address since the last sign-in (<see cref="PasswordGuesses.AcrossAddresses"/> lock the account).</summary>
    public int PasswordFailedCount { get; init; }
    public bool TwoFactorEnabled { get; init; }

    /// <summary>The authenticator app's shared secret (Base32), sealed with the account's kind and key as associated data.</summary>
    public byte[]? SealedAuthenticatorKey { get; init; }

    /// <summary>The unused recovery codes' SHA-256 hashes, as a JSON list, sealed like the authenticator key.</summary>
    public byte[]? SealedRecoveryCodes { get; init; }

    /// <summary>The last 30-second step whose authenticator code was accepted: a code is good once (RFC 6238, 5.2).</summary>
    public long LastAuthenticatorStep { get; init; }

    public IReadOnlyList<StaffPasskeyRecord> Passkeys { get; init; } = [];

    /// <summary>When the person last signed in (both factors, or a passkey); null if never since this was kept.</summary>
    public DateTimeOffset? LastSignedInAt { get; init; }
}

/// <summary>A passkey as WebAuthn registered it (ASP.NET Core Identity's UserPasskeyInfo): public data only.</summary>
internal sealed record StaffPasskeyRecord(
    byte[] CredentialId,
    byte[] PublicKey,
    string? Name,
    DateTimeOffset CreatedAt,
    uint SignCount,
    string[]? Transports,
    bool IsUserVerified,
    bool IsBackupEligible,
    bool IsBackedUp,
    byte[] AttestationObject,
    byte[] ClientDataJson);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StaffUserRecord))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StaffAccountsJson : JsonSerializerContext;
