namespace WestmontTextLine.Outbound;

/// <summary>
/// The outbox held back while the provider refuses or fails every text alike, whoever it is to: credentials refused
/// (401/403: 20003 after a token rotation, a suspended account), the line's own sender refused (21606...), its queue
/// full (21611), too many requests (429/20429) after the client's own retries, a server error, a timeout or no
/// connection. Were each text in the outbox to try again on its own, a thousand texts waiting after a token rotation
/// would send Twilio fifty refused requests a second, and the log a warning a text. So the first such answer holds the
/// whole outbox (<see cref="ProviderHold"/>): one text is tried after <see cref="FirstWait"/> (or Twilio's Retry-After),
/// then after twice as long each time it fails, at most <see cref="LongestWait"/>; the first accepted text lets the
/// outbox go again. Logged once when it starts and once when it ends; /healthz says so meanwhile.
/// </summary>
public sealed class OutboundPause
{
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    private readonly ProviderHold _hold = new(FirstWait, LongestWait);

    /// <summary>Null while the outbox goes; else until when it waits.</summary>
    public DateTimeOffset? Until => _hold.Until;

    /// <summary>Holds the outbox after <paramref name="error"/>: returns true when it was going until now (so the caller logs it once).</summary>
    public bool Hold(TwilioError error, DateTimeOffset now) => _hold.Hold(Describe(error), error.RetryAfter, now);

    /// <summary>An accepted text: the outbox goes again. Returns how long it was held, when it was.</summary>
    public TimeSpan? Release(DateTimeOffset now) => _hold.Release(now);

    /// <summary>For /healthz: what holds the outbox, since when, and when it is tried next; null while it goes.</summary>
    public string? Describe(DateTimeOffset now) =>
        _hold.Held is { } held ? $"outbound texts held since {held.Since:HH:mm:ss} UTC: {Why(held, now)}" : null;

    /// <summary>For the log line that starts the hold, which says "Outbound texts held" itself: why, and when it is tried next.</summary>
    public string? Why(DateTimeOffset now) => _hold.Held is { } held ? Why(held, now) : null;

    private static string Why((string Because, DateTimeOffset Since, DateTimeOffset Until) held, DateTimeOffset now) =>
        $"{held.Because}; they wait in the outbox, {ProviderHold.NextTry(held.Until, now)}";

    private static string Describe(TwilioError error) => error.Kind switch
    {
        TwilioErrorKind.CredentialsRejected => $"the provider refused the credentials ({error}): check Twilio:AccountSid and Twilio:AuthToken, and the account",
        TwilioErrorKind.SenderRejected => $"the provider refused the line's own sender ({error}): check Twilio:From or Twilio:MessagingServiceSid",
        _ => $"the provider did not take a text ({error})",
    };
}
