using Twilio.Clients;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using WestmontTextLine.Logging;

namespace WestmontTextLine.Outbound;

/// <summary>
/// <see cref="ITwilioMessages"/> on the Twilio SDK: <c>MessageResource.CreateAsync</c>, <c>FetchAsync</c> and
/// <c>DeleteAsync</c> with a <see cref="TwilioRestClient"/> from <see cref="TwilioRestClients"/>. Each call runs in a
/// <see cref="TwilioCallScope"/>, which carries the CancellationToken the SDK cannot take and brings back the
/// attempt's status and Retry-After that the SDK's exceptions do not carry; <see cref="TwilioErrors"/> turns what
/// the SDK throws into an outcome.
/// </summary>
public sealed class TwilioMessages(TwilioRestClients clients, ILogger<TwilioMessages> logger) : ITwilioMessages
{
    public async Task<TwilioSendResult> SendAsync(string to, string body, Uri? statusCallback, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentNullException.ThrowIfNull(body);
        var settings = SendingSettings();

        var options = new CreateMessageOptions(new PhoneNumber(to)) { Body = body, StatusCallback = statusCallback };
        if (!string.IsNullOrWhiteSpace(settings.MessagingServiceSid))
            options.MessagingServiceSid = settings.MessagingServiceSid.Trim();
        else
            options.From = new PhoneNumber(settings.From!.Trim());

        var (message, error) = await CallAsync(
            client => MessageResource.CreateAsync(options, client), isSend: true, cancellationToken).ConfigureAwait(false);
        if (error is null && string.IsNullOrEmpty(message?.Sid))
        {
            // A 2xx without a SID: the text may have gone, and there is no SID to follow it by.
            error = new TwilioError(TwilioErrorKind.Uncertain, null, null) { Fault = "no sid in the answer" };
        }
        if (error is not null)
        {
            TwilioApiLog.SendFailed(logger, error);
            return new TwilioSendResult(null, error);
        }
        TwilioApiLog.Sent(logger, new LoggedSid(message!.Sid));
        return new TwilioSendResult(message.Sid, null);
    }

    public async Task<TwilioDeleteResult> DeleteAsync(string messageSid, CancellationToken cancellationToken)
    {
        CheckSid(messageSid);
        // The SDK answers true for a 2xx and throws for an error answer.
        var (_, error) = await CallAsync(
            client => MessageResource.DeleteAsync(messageSid, pathAccountSid: null, client), isSend: false, cancellationToken)
            .ConfigureAwait(false);
        if (error is null)
        {
            TwilioApiLog.Deleted(logger, new LoggedSid(messageSid));
            return new TwilioDeleteResult(TwilioDeleteOutcome.Deleted, null);
        }
        var result = TwilioDeleteResult.From(error);
        TwilioApiLog.NotDeleted(logger, new LoggedSid(messageSid), result.Outcome, error);
        return result;
    }

    public async Task<TwilioFetchResult> FetchStatusAsync(string messageSid, CancellationToken cancellationToken)
    {
        CheckSid(messageSid);
        var (message, error) = await CallAsync(
            client => MessageResource.FetchAsync(messageSid, pathAccountSid: null, client), isSend: false, cancellationToken)
            .ConfigureAwait(false);
        if (error is not null || message is null)
        {
            error ??= new TwilioError(TwilioErrorKind.Failed, null, null) { Fault = "empty answer" };
            TwilioApiLog.FetchFailed(logger, new LoggedSid(messageSid), error);
            return new TwilioFetchResult(null, null, error);
        }
        return new TwilioFetchResult(message.Status?.ToString(), message.ErrorCode, null);
    }

    /// <summary>The settings a send or a look-up of sends needs; calling either while they do not allow sending is a programming error.</summary>
    private TwilioApiOptions SendingSettings()
    {
        var settings = clients.Options;
        if (!settings.CanSend)
            throw new InvalidOperationException(settings.Describe());
        return settings;
    }

    /// <summary>How many of the newest texts to a number a look-up reads: one page, with room for a busy hour of the line's own.</summary>
    public const int LookBackMessages = 20;

    public async Task<TwilioFindResult> FindSentAsync(string to, string body, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentNullException.ThrowIfNull(body);
        var settings = SendingSettings();

        var options = new ReadMessageOptions { To = new PhoneNumber(to), PageSize = LookBackMessages, Limit = LookBackMessages };
        var (page, error) = await CallAsync(async client =>
        {
            // One page (the limit is its size), read inside the call so that the SDK's paging makes no request of its own.
            var read = await MessageResource.ReadAsync(options, client).ConfigureAwait(false);
            return read.Where(message => SentByLine(message, settings) && CreatedSince(message, since)).ToList();
        }, isSend: false, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            TwilioApiLog.LookupFailed(logger, error);
            return new TwilioFindResult([], error);
        }
        page ??= [];
        return new TwilioFindResult([.. page.Where(message => message.Body == body).Select(message => message.Sid)], null)
        {
            HiddenSids = [.. page.Where(BodyRedacted).Select(message => message.Sid)],
        };
    }

    /// <summary>
    /// A text the line sent through the API whose body the provider no longer gives: Twilio's Message Redaction blanks
    /// it once the text is sent (the line never sends an empty body; Twilio refuses one, 21602). Replies (outbound-reply)
    /// are TwiML answers, never an outbox text.
    /// </summary>
    private static bool BodyRedacted(MessageResource message) =>
        string.IsNullOrEmpty(message.Body) && message.Direction?.ToString() == "outbound-api";

    private static bool SentByLine(MessageResource message, TwilioApiOptions settings) =>
        !string.IsNullOrWhiteSpace(settings.MessagingServiceSid)
            ? message.MessagingServiceSid == settings.MessagingServiceSid.Trim()
            : message.From?.ToString() == settings.From!.Trim();

    // The SDK reads Twilio's RFC 2822 dates into a DateTime; its kind says whether it is local or UTC.
    private static bool CreatedSince(MessageResource message, DateTimeOffset since) => message.DateCreated is { } created
        && (created.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(created, DateTimeKind.Utc) : created.ToUniversalTime()) >= since.UtcDateTime;

    /// <summary>
    /// One SDK call in its own <see cref="TwilioCallScope"/>: its value, or the failure it ended in. The caller's
    /// cancellation comes out as <see cref="OperationCanceledException"/> (the SDK wraps it in
    /// ApiConnectionException); an exception that is not the SDK's propagates.
    /// </summary>
    private async Task<(T? Value, TwilioError? Error)> CallAsync<T>(
        Func<TwilioRestClient, Task<T>> call, bool isSend, CancellationToken cancellationToken)
    {
        var client = clients.Create();
        cancellationToken.ThrowIfCancellationRequested();
        using var scope = TwilioCallScope.Begin(cancellationToken);
        try
        {
            return (await call(client).ConfigureAwait(false), null);
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
        {
            throw new OperationCanceledException("The call to the provider was cancelled.", exception, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
                                          && TwilioErrors.Classify(exception, scope, isSend) is { } error)
        {
            return (default, error);
        }
    }

    /// <summary>
    /// A SID goes into the request path and into log lines: letters, digits and dashes only (Twilio's SM/MM + 32 hex;
    /// a compatible provider's may be a UUID).
    /// </summary>
    private static void CheckSid(string messageSid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageSid);
        if (messageSid.Length > 64 || !messageSid.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw new ArgumentException("A message SID has letters, digits and dashes only.", nameof(messageSid));
    }
}
