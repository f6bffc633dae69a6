namespace WestmontTextLine.Senders;

/// <summary>The privacy key, from the "TextLine" settings section: the HMAC key that turns a phone number into a session key.</summary>
public sealed class SenderOptions
{
    public const string Section = "TextLine";

    public string? PrivacyKey { get; set; }
}
