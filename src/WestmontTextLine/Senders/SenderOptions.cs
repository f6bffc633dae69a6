namespace WestmontTextLine.Senders;

/// <summary>
/// The privacy key, from the "TextLine" settings section: the HMAC key that turns a phone number into a session key,
/// and the optional encryption key.
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
}
