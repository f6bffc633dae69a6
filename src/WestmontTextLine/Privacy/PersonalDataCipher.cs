using System.Security.Cryptography;
using System.Text;

namespace WestmontTextLine.Privacy;

/// <summary>
/// Encrypts what the line must keep for a while to text someone back (a phone number, a name, a message body) with
/// AES-256-GCM under a key derived (HKDF-SHA256) from TextLine:EncryptionKey, or else from TextLine:PrivacyKey with
/// its own purpose, so the hash key and the encryption key are never the same bytes. Each value gets a fresh nonce;
/// a value changed or moved in the store fails to decrypt rather than read wrong. Layout: version (1), nonce (12),
/// tag (16), ciphertext.
/// </summary>
public sealed class PersonalDataCipher
{
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Purpose = "westmont-text-line personal data v1"u8.ToArray();

    private readonly byte[] _key;

    public PersonalDataCipher(byte[] keyMaterial) =>
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, keyMaterial, 32, salt: null, info: Purpose);

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

    public string Decrypt(byte[] sealedBytes, string associated)
    {
        if (sealedBytes.Length < 1 + NonceBytes + TagBytes || sealedBytes[0] != Version)
        {
            throw new CryptographicException("Not a value this line encrypted.");
        }
        var plain = new byte[sealedBytes.Length - 1 - NonceBytes - TagBytes];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(1, NonceBytes), sealedBytes.AsSpan(1 + NonceBytes + TagBytes), sealedBytes.AsSpan(1 + NonceBytes, TagBytes),
            plain, Encoding.UTF8.GetBytes(associated));
        return Encoding.UTF8.GetString(plain);
    }
}
