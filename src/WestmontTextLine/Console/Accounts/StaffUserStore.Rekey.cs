using WestmontTextLine.Privacy;

namespace WestmontTextLine.Console.Accounts;

/// <summary>For `rekey`: an account's sealed second factor moved under the current encryption key.</summary>
public sealed partial class StaffUserStore
{
    /// <summary>Whether the stored account has an authenticator key or recovery codes sealed in it (none right after `staff add`).</summary>
    public static bool HasSealedSecondFactor(byte[] payload)
    {
        var state = Deserialize(payload);
        return state.SealedAuthenticatorKey is not null || state.SealedRecoveryCodes is not null;
    }

    /// <summary>
    /// The stored account (<paramref name="payload"/>, under <paramref name="key"/>) with its authenticator key and
    /// recovery codes sealed again under the current key; null when neither was sealed under the previous key.
    /// </summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">Neither key opens one of them.</exception>
    public static byte[]? Resealed(byte[] payload, string key, PersonalDataCipher cipher)
    {
        var state = Deserialize(payload);
        var authenticatorKey = state.SealedAuthenticatorKey is { } sealedKey ? cipher.Reseal(sealedKey, AuthenticatorKeyData(key)) : null;
        var recoveryCodes = state.SealedRecoveryCodes is { } sealedCodes ? cipher.Reseal(sealedCodes, RecoveryCodesData(key)) : null;
        if (authenticatorKey is null && recoveryCodes is null) return null;
        return Serialize(state with
        {
            SealedAuthenticatorKey = authenticatorKey ?? state.SealedAuthenticatorKey,
            SealedRecoveryCodes = recoveryCodes ?? state.SealedRecoveryCodes,
        });
    }
}
