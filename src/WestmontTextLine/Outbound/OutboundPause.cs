namespace WestmontTextLine.Outbound;

/// <summary>
/// The outbox held back while the provider refuses or fails every text alike, whoever it is to: credentials refused
/// (401/403: 20003 after a token rotation, a suspended account), the line's own sender refused (21606...), its queue
/// full (21611), too many requests (429/20429) after the client's own retries, a server error, a timeout or no
/// connection. Before, each text in the outbox tried again on its own: with a thousand texts waiting and the token
/// rotated, Twilio got fifty refused requests a second, and the log a warning a text. Now the first such answer holds the
/// whole outbox: one text is tried (a probe) after <see cref="FirstWait"/> (or Twilio's Retry-After), then after twice
/// as long each time it fails, at most <see cref="LongestWait"/>; the first accepted text lets the outbox go again.
/// Logged once when it starts and once when it ends; /healthz says so meanwhile. Per instance: each instance finds out
/// with its own first try.
/// </summary>
public sealed class OutboundPause
{
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private DateTimeOffset? _since;
    private DateTimeOffset _until;
    private TimeSpan _wait;
    private string _because = "";

    /// <summary>Null while the outbox goes; else until when it waits.</summary>
    public DateTimeOffset? Until
    {
        get { lock (_gate) return _since is null ? null : _until; }
    }

    /// <summary>
    /// Holds the outbox after <paramref name="error"/> at <paramref name="now"/>: returns true when it was going until
    /// now (so the caller logs it once). Every failed probe doubles the wait.
    /// </summary>
    public bool Hold(TwilioError error, DateTimeOffset now)
    {
        lock (_gate)
        {
            var first = _since is null;
            if (now < _until && !first) return false; // another of the same pass's sends, failing as the first did
            _since ??= now;
            _wait = first ? FirstWait : Min(_wait * 2, LongestWait);
            var wait = error.RetryAfter is { } given && given > _wait ? Min(given, LongestWait) : _wait;
            _until = now + wait;
            _because = Describe(error);
            return first;
        }
    }

    /// <summary>An accepted text: the outbox goes again. Returns how long it was held, when it was.</summary>
    public TimeSpan? Release(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_since is not { } since) return null;
            _since = null;
            _wait = TimeSpan.Zero;
            return now - since;
        }
    }

    /// <summary>For /healthz: what holds the outbox, since when, and when it is tried next; null while it goes.</summary>
    public string? Describe(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_since is not { } since) return null;
            var next = _until > now ? $"next try in {Math.Ceiling((_until - now).TotalSeconds):0} s" : "next try now";
            return $"outbound texts held since {since:HH:mm:ss} UTC: {_because}; they wait in the outbox, {next}";
        }
    }

    private static string Describe(TwilioError error) => error.Kind switch
    {
        TwilioErrorKind.CredentialsRejected => $"the provider refused the credentials ({error}): check Twilio:AccountSid and Twilio:AuthToken, and the account",
        TwilioErrorKind.SenderRejected => $"the provider refused the line's own sender ({error}): check Twilio:From or Twilio:MessagingServiceSid",
        _ => $"the provider did not take a text ({error})",
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
