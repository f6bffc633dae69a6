namespace WestmontTextLine.Senders;

/// <summary>
/// The privacy key, from the "TextLine" settings section: the HMAC key that turns a phone number into a session key,
/// and the optional encryption keys.
/// </summary>
public sealed class SenderOptions
{
    public const string Section = "TextLine";

    public string? PrivacyKey { get; set; }

    /// <summary>
    /// Optional key for what the line keeps encrypted (numbers to text back, inbox messages); without it, a key is
    /// derived from the privacy key for that purpose alone. Set it to rotate encryption apart from the hashes.
    /// </summary>
    public string? EncryptionKey { get; set; }

    /// <summary>
    /// While the encryption key is being changed: the key the store's records were encrypted with before (the old
    /// privacy key, where the encryption key was derived from it). Records the current key cannot open are opened
    /// with it, until `rekey` has moved them all and it is removed.
    /// </summary>
    public string? PreviousEncryptionKey { get; set; }

    /// <summary>What the encryption key is derived from: TextLine:EncryptionKey, or else TextLine:PrivacyKey.</summary>
    public string EncryptionKeyMaterial => string.IsNullOrWhiteSpace(EncryptionKey) ? PrivacyKey! : EncryptionKey;

    /// <summary>TextLine:PreviousEncryptionKey, or null when it is empty.</summary>
    public string? PreviousEncryptionKeyMaterial => string.IsNullOrWhiteSpace(PreviousEncryptionKey) ? null : PreviousEncryptionKey;
}
