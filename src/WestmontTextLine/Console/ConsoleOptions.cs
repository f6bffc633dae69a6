namespace WestmontTextLine.Console;

/// <summary>The "Console" settings section: the staff console under /console.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";
    public const string PathBase = "/console";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The host name staff type to reach the console (e.g. line.example.org): the WebAuthn relying party id every
    /// passkey is bound to. Unset, each request's own host (after a trusted proxy's X-Forwarded-Host). Set it when a
    /// reverse proxy hands the line a Host of its own and no X-Forwarded-Host. Passkeys made under one domain do not
    /// work under another.
    /// </summary>
    public string? PasskeyServerDomain { get; set; }
}
