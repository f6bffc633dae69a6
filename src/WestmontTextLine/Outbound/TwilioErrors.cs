using Polly.Timeout;
using Twilio.Exceptions;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Turns what the Twilio SDK throws into a <see cref="TwilioError"/>. The SDK throws <see cref="ApiException"/> with
/// Twilio's code and HTTP status for an error answer (<c>{code, message, more_info, status}</c>),
/// <see cref="ApiStandardException"/> for an RFC 9457 one, and <see cref="ApiConnectionException"/> wrapping the
/// cause when no answer came (a timeout from the pipeline, a network failure). An answer that is not Twilio's
/// error JSON (a proxy's 502 page) gives an <see cref="ApiException"/> without code or status: the status the
/// <see cref="TwilioCallScope"/> recorded is used instead. A 2xx whose body cannot be read (cut off, not JSON) is a
/// success the line cannot read: uncertain for a send (it may have gone out), try again for anything else; never
/// "refused", which would report a text that went out as failed.
///
/// "Already gone" and "not final yet" are read from Twilio's codes alone (20404, 20009), never from a bare 404: a
/// wrong <c>Twilio:ApiBaseUrl</c> also answers 404, and taking that for "deleted" would leave every message at the
/// provider while the queue reports them deleted. Twilio's error messages are never kept: they may quote a number
/// (21211 "The 'To' number +1… is not a valid phone number").
/// </summary>
internal static class TwilioErrors
{
    public const int NotFinalYetCode = 20009;
    public const int NotFoundCode = 20404;

    /// <summary>
    /// 21611: the line's own sender has more queued at Twilio than it can send in Twilio's queue window (10 hours at
    /// its messages per second). Nothing is wrong with the person's number: the text is tried again, with the outbox.
    /// </summary>
    public const int SenderQueueFullCode = 21611;

    /// <summary>Refusals of the line's own sender (Twilio:From, the Messaging Service), whoever the text is to.</summary>
    private static readonly int[] SenderCodes = [21212, 21601, 21603, 21606, 21616, 21659, 21660, 21661];

    /// <param name="exception">What the SDK threw.</param>
    /// <param name="scope">The call's scope: the last HTTP status, Retry-After, and whether an attempt was uncertain.</param>
    /// <param name="isSend">A create (POST): a failure after the request left is <see cref="TwilioErrorKind.Uncertain"/>.</param>
    public static TwilioError? Classify(Exception exception, TwilioCallScope scope, bool isSend)
    {
        switch (exception)
        {
            case ApiException api:
                return FromAnswer(api.Code, api.Status, scope, isSend);
            case ApiStandardException standard:
                return FromAnswer(standard.Code, standard.Status, scope, isSend);
            case ApiConnectionException connection:
                var cause = connection.InnerException;
                var transient = cause is TimeoutRejectedException or HttpRequestException or OperationCanceledException
                    or IOException;
                if (!transient)
                    return new TwilioError(TwilioErrorKind.Failed, null, null) { Fault = FaultName(cause ?? connection) };
                var kind = isSend && scope.UncertainAttempts > 0 ? TwilioErrorKind.Uncertain : TwilioErrorKind.RetryLater;
                return new TwilioError(kind, null, scope.LastStatus == 0 ? null : scope.LastStatus, scope.LastRetryAfter)
                {
                    Fault = FaultName(cause!),
                };
            default:
                return null; // not the SDK's: let it propagate
        }
    }

    internal static TwilioError FromAnswer(int code, int status, TwilioCallScope scope, bool isSend)
    {
        if (status == 0) status = scope.LastStatus;
        int? knownCode = code == 0 ? null : code;
        int? knownStatus = status == 0 ? null : status;
        var retryAfter = scope.LastRetryAfter;

        var kind = (code, status) switch
        {
            (_, 401 or 403) => TwilioErrorKind.CredentialsRejected,
            (NotFoundCode, _) => TwilioErrorKind.NotFound,
            (NotFinalYetCode, _) => TwilioErrorKind.NotFinalYet,
            (_, 429) => TwilioErrorKind.RetryLater,
            (SenderQueueFullCode, _) when isSend => TwilioErrorKind.RetryLater,
            (var refused, _) when isSend && SenderCodes.Contains(refused) => TwilioErrorKind.SenderRejected,
            (_, 408 or >= 500) => isSend ? TwilioErrorKind.Uncertain : TwilioErrorKind.RetryLater,
            // A success whose answer could not be read (JSON cut off or garbled): the provider acted, the line cannot
            // say what it did. A send may have gone out; anything else is simply asked again.
            (_, >= 200 and < 300) => isSend ? TwilioErrorKind.Uncertain : TwilioErrorKind.RetryLater,
            _ => TwilioErrorKind.Failed,
        };
        // A 429 answer to a send's retry does not undo an earlier attempt that may have gone through.
        if (isSend && kind == TwilioErrorKind.RetryLater && scope.UncertainAttempts > 0) kind = TwilioErrorKind.Uncertain;
        return new TwilioError(kind, knownCode, knownStatus, kind is TwilioErrorKind.RetryLater or TwilioErrorKind.Uncertain ? retryAfter : null);
    }

    private static string FaultName(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http => $"{nameof(HttpRequestException)}/{http.HttpRequestError}",
        _ => exception.GetType().Name,
    };
}
