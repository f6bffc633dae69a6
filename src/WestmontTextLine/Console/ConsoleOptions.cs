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

    /// <summary>
    /// How long the audit log keeps an entry: a complaint about a chat can come months later, and the log must still
    /// say who claimed, read, answered or deleted it. Swept hourly (<see cref="Audit.AuditRetentionWorker"/>).
    /// </summary>
    public TimeSpan AuditKeepFor { get; set; } = DefaultAuditKeepFor;

    /// <summary>
    /// The most entries the audit log holds, whatever their age: a flood (a script at the sign-in page) cannot grow it
    /// without end. Past it each new entry drops the oldest, and /healthz says Degraded.
    /// </summary>
    public int AuditMaxEntries { get; set; } = Audit.IAuditLog.DefaultCapacity;

    public static readonly TimeSpan DefaultAuditKeepFor = TimeSpan.FromDays(400);
    public static readonly TimeSpan ShortestAuditKeepFor = TimeSpan.FromDays(30);
    public static readonly TimeSpan LongestAuditKeepFor = TimeSpan.FromDays(3650);
    public const int FewestAuditEntries = 10_000;
    public const int MostAuditEntries = 5_000_000;
}
