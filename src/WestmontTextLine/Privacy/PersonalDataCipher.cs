using System.Security.Cryptography;
using System.Text;

namespace WestmontTextLine.Privacy;

/// <summary>
/// Encrypts what the line must keep for a while to text someone back (a phone number, a name, a message body) with
/// AES-256-GCM under a key derived (HKDF-SHA256) from TextLine:EncryptionKey, or else from TextLine:PrivacyKey with
/// its own purpose, so the hash key and the encryption key are never the same bytes. Each value gets a fresh nonce;
/// a value changed or moved in the store fails to decrypt rather than read wrong. Layout: version (1), nonce (12),
/// tag (16), ciphertext.
/// <para>
/// While a key is being changed (TextLine:PreviousEncryptionKey), a value the current key cannot open is opened with
/// the previous one; new values are always sealed under the current key, and <see cref="Reseal"/> moves an old one
/// over (the `rekey` command). Without a previous key, a read costs what it always did.
/// </para>
/// </summary>
public sealed class PersonalDataCipher
{
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Purpose = "westmont-text-line personal data v1"u8.ToArray();

    private readonly byte[] _key;
    private readonly byte[]? _previousKey;

    /// <param name="keyMaterial">The current key: every value is sealed under it.</param>
    /// <param name="previousKeyMaterial">The key values may still be sealed under, or null. The same as the current one counts as none.</param>
    public PersonalDataCipher(byte[] keyMaterial, byte[]? previousKeyMaterial = null)
    {
        _key = Derive(keyMaterial);
        if (previousKeyMaterial is { Length: > 0 } && !previousKeyMaterial.AsSpan().SequenceEqual(keyMaterial)) _previousKey = Derive(previousKeyMaterial);
    }

    /// <summary>A previous key is set: values it sealed can be read, and <see cref="Reseal"/> has work to do.</summary>
    public bool HasPreviousKey => _previousKey is not null;

    /// <param name="associated">What the value belongs to (a kind and id): a value copied to another item will not decrypt there.</param>
    public byte[] Encrypt(string plaintext, string associated)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[1 + NonceBytes + TagBytes + plain.Length];
        sealedBytes[0] = Version;
        var nonce = sealedBytes.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(1 + NonceBytes + TagBytes), sealedBytes.AsSpan(1 + NonceBytes, TagBytes),
            Encoding.UTF8.GetBytes(associated));
        CryptographicOperations.ZeroMemory(plain);
        return sealedBytes;
    }

    /// <summary>The value, opened with the current key, or else with the previous one.</summary>
    /// <exception cref="CryptographicException">Neither key opens it (another key, or changed or moved bytes).</exception>
    public string Decrypt(byte[] sealedBytes, string associated)
    {
        if (_previousKey is null) return Decrypt(_key, sealedBytes, associated);
        try
        {
            return Decrypt(_key, sealedBytes, associated);
        }
        catch (CryptographicException)
        {
            return Decrypt(_previousKey, sealedBytes, associated);
        }
    }

    /// <summary>Which key opens the value, if either does.</summary>
    public SealedUnder KeyOf(byte[] sealedBytes, string associated)
    {
        if (Opens(_key, sealedBytes, associated)) return SealedUnder.CurrentKey;
        return _previousKey is not null && Opens(_previousKey, sealedBytes, associated) ? SealedUnder.PreviousKey : SealedUnder.Neither;
    }

    /// <summary>
    /// The value sealed again under the current key when the previous key sealed it; null when the current key already
    /// opens it (nothing to do).
    /// </summary>
    /// <exception cref="CryptographicException">Neither key opens it.</exception>
    public byte[]? Reseal(byte[] sealedBytes, string associated)
    {
        if (Opens(_key, sealedBytes, associated)) return null;
        if (_previousKey is null) throw new CryptographicException("Not a value this line's key encrypted.");
        var plaintext = Decrypt(_previousKey, sealedBytes, associated);
        return Encrypt(plaintext, associated);
    }

    private static byte[] Derive(byte[] keyMaterial) => HKDF.DeriveKey(HashAlgorithmName.SHA256, keyMaterial, 32, salt: null, info: Purpose);

    private static bool Opens(byte[] key, byte[] sealedBytes, string associated)
    {
        try
        {
            Decrypt(key, sealedBytes, associated);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string Decrypt(byte[] key, byte[] sealedBytes, string associated)
    {
        if (sealedBytes.Length < 1 + NonceBytes + TagBytes || sealedBytes[0] != Version)
        {
            throw new CryptographicException("Not a value this line encrypted.");
        }
        var plain = new byte[sealedBytes.Length - 1 - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(1, NonceBytes), sealedBytes.AsSpan(1 + NonceBytes + TagBytes), sealedBytes.AsSpan(1 + NonceBytes, TagBytes),
            plain, Encoding.UTF8.GetBytes(associated));
        return Encoding.UTF8.GetString(plain);
    }
}

/// <summary>Which of the line's encryption keys sealed a stored value.</summary>
public enum SealedUnder
{
    CurrentKey,
    PreviousKey,
    Neither,
}
