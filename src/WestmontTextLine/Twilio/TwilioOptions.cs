namespace WestmontTextLine.Twilio;

/// <summary>The "Twilio" settings section.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    /// <summary>The account's auth token: the secret behind X-Twilio-Signature.</summary>
    public string? AuthToken { get; set; }

    public RequestValidationOptions RequestValidation { get; set; } = new();
}

public sealed class RequestValidationOptions
{
    /// <summary>Null means "on"; only an explicit false turns validation off.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The public base URL Twilio calls (e.g. https://line.example.org), when a proxy hides it.</summary>
    public string? BaseUrl { get; set; }
}
