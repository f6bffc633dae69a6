namespace WestmontTextLine.Outbound;

/// <summary>
/// The line's only door to the provider's Messages API (Twilio's, or a compatible provider's at
/// <c>Twilio:ApiBaseUrl</c>), on the Twilio SDK's own <c>MessageResource</c>. Every answer is a value, never an
/// exception: an outage, a refusal or a timeout comes back as an outcome the caller's durable queue can act on.
/// Cancelling the token throws <see cref="OperationCanceledException"/>. Calling it while the settings do not allow
/// the call (<see cref="TwilioApiOptions.IsConfigured"/>, <see cref="TwilioApiOptions.CanSend"/>) is a programming
/// error and throws <see cref="InvalidOperationException"/>.
/// Nothing it logs carries a phone number or a body: a log line has a message SID, an outcome and an error code.
/// </summary>
public interface ITwilioMessages
{
    /// <summary>
    /// Sends <paramref name="body"/> to <paramref name="to"/> (E.164) through <c>Twilio:MessagingServiceSid</c> if set,
    /// else from <c>Twilio:From</c>, with <paramref name="statusCallback"/> as the message's StatusCallback.
    /// </summary>
    Task<TwilioSendResult> SendAsync(string to, string body, Uri? statusCallback, CancellationToken cancellationToken);

    /// <summary>Deletes the message record (inbound or outbound) at the provider.</summary>
    Task<TwilioDeleteResult> DeleteAsync(string messageSid, CancellationToken cancellationToken);

    /// <summary>Reads a message's delivery status and error code (never its number or body).</summary>
    Task<TwilioFetchResult> FetchStatusAsync(string messageSid, CancellationToken cancellationToken);

    /// <summary>
    /// The SIDs of the line's own texts to <paramref name="to"/> with exactly this body, created at the provider since
    /// <paramref name="since"/>, among the newest <see cref="TwilioMessages.LookBackMessages"/> texts to that number: how the
    /// outbox learns whether a send it could not be sure of went out. The line's texts sent through the API since then
    /// whose body the provider no longer gives (Twilio's Message Redaction) come back apart, as
    /// <see cref="TwilioFindResult.HiddenSids"/>: any of them may be this one. The number and the bodies read stay in memory.
    /// </summary>
    Task<TwilioFindResult> FindSentAsync(string to, string body, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>
/// The answer to a look-up of earlier texts: the SIDs with the same words (none found is an empty list), or why it
/// could not be read; and, newest first, the SIDs of the line's texts since then whose words the provider redacted.
/// </summary>
public readonly record struct TwilioFindResult(IReadOnlyList<string> Sids, TwilioError? Error)
{
    public IReadOnlyList<string> HiddenSids { get; init; } = [];
}

/// <summary>What a failed call means for the caller.</summary>
public enum TwilioErrorKind
{
    /// <summary>429, 408, 5xx, a timeout or a network failure, after the pipeline's own retries: try again later
    /// (after <see cref="TwilioError.RetryAfter"/> when the provider gave one). The provider did nothing.</summary>
    RetryLater,

    /// <summary>A send whose outcome is unknown: the request left but no answer came back (timeout, dropped
    /// connection) or the answer was a 5xx. The text may have been sent; sending again may text the person twice.</summary>
    Uncertain,

    /// <summary>401 or 403 (e.g. 20003): the AccountSid or AuthToken was refused. Nothing will work until fixed.</summary>
    CredentialsRejected,

    /// <summary>A send refused for the line's own sender, not the person's number (21212 invalid From, 21601, 21606 or 21661
    /// not a message-capable number of the account, 21659, 21660 another account's, 21603, 21616): every text fails
    /// alike until <c>Twilio:From</c> or <c>Twilio:MessagingServiceSid</c> is fixed.</summary>
    SenderRejected,

    /// <summary>20404: no such message (never existed, or already deleted).</summary>
    NotFound,

    /// <summary>20009: the message is not final yet and cannot be deleted; try again later (up to 14 days).</summary>
    NotFinalYet,

    /// <summary>Any other refusal, e.g. 21211 (invalid To) or 21610 (opted out at the carrier): see the code.</summary>
    Failed,
}

/// <summary>A provider failure: its kind, Twilio's error code and HTTP status when known, and Twilio's suggested wait.</summary>
public sealed record TwilioError(TwilioErrorKind Kind, int? Code, int? HttpStatus, TimeSpan? RetryAfter = null)
{
    /// <summary>A failure with no HTTP answer: its exception's type name (never its message, which may quote a URL).</summary>
    public string? Fault { get; init; }

    public override string ToString() =>
        $"{Kind} (code {Code?.ToString() ?? "none"}, HTTP {HttpStatus?.ToString() ?? "none"}"
        + (RetryAfter is { } wait ? $", retry after {Logging.ReadableDuration.Of(wait)}" : "")
        + (Fault is null ? "" : $", {Fault}") + ")";
}

/// <summary>The answer to a send: the new message's SID, or why there is none.</summary>
public readonly record struct TwilioSendResult(string? Sid, TwilioError? Error)
{
    public bool Sent => Sid is not null;
}

public enum TwilioDeleteOutcome
{
    /// <summary>204: the record is gone.</summary>
    Deleted,

    /// <summary>20404: there was nothing to delete (already deleted, or never existed): done as well.</summary>
    AlreadyGone,

    /// <summary>20009: not final yet; delete again later.</summary>
    NotFinalYet,

    /// <summary>429, 5xx, a timeout or a network failure after the pipeline's retries; see RetryAfter.</summary>
    RetryLater,

    /// <summary>401/403: the credentials were refused; pause deletion, keep the queue.</summary>
    CredentialsRejected,

    /// <summary>Anything else; see the error code.</summary>
    Failed,
}

/// <summary>The answer to a delete. <see cref="Error"/> is null for <see cref="TwilioDeleteOutcome.Deleted"/>.</summary>
public readonly record struct TwilioDeleteResult(TwilioDeleteOutcome Outcome, TwilioError? Error)
{
    /// <summary>Nothing more to do for this SID: deleted now, or gone already.</summary>
    public bool Done => Outcome is TwilioDeleteOutcome.Deleted or TwilioDeleteOutcome.AlreadyGone;

    public int? ErrorCode => Error?.Code;

    public TimeSpan? RetryAfter => Error?.RetryAfter;

    internal static TwilioDeleteResult From(TwilioError error) => new(error.Kind switch
    {
        TwilioErrorKind.NotFound => TwilioDeleteOutcome.AlreadyGone,
        TwilioErrorKind.NotFinalYet => TwilioDeleteOutcome.NotFinalYet,
        TwilioErrorKind.RetryLater or TwilioErrorKind.Uncertain => TwilioDeleteOutcome.RetryLater,
        TwilioErrorKind.CredentialsRejected => TwilioDeleteOutcome.CredentialsRejected,
        _ => TwilioDeleteOutcome.Failed,
    }, error);
}

/// <summary>
/// A message's status as Twilio names it (<c>queued</c>, <c>sent</c>, <c>delivered</c>, <c>undelivered</c>,
/// <c>failed</c>, <c>received</c>…) and its error code (e.g. 30007, carrier filtered), or why it could not be read.
/// </summary>
public readonly record struct TwilioFetchResult(string? Status, int? ErrorCode, TwilioError? Error)
{
    /// <summary>No later status will come: the message can be deleted.</summary>
    public bool IsFinal => Status is "delivered" or "undelivered" or "failed" or "received" or "read" or "canceled";
}
