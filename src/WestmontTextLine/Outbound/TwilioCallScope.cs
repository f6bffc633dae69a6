using System.Net;
using System.Net.Http.Headers;

namespace WestmontTextLine.Outbound;

/// <summary>
/// What one call to the provider needs to carry past the Twilio SDK, which takes no CancellationToken and turns
/// every failure into an exception without the response's headers. <see cref="TwilioMessages"/> opens a scope
/// around each SDK call; it flows (AsyncLocal) through the SDK's awaits into the HttpClient's handlers:
/// <see cref="TwilioCallCancellationHandler"/> (outermost) links the caller's token to the request, and
/// <see cref="TwilioAttemptRecorder"/> (innermost, under the resilience pipeline) notes each attempt's HTTP status,
/// its Retry-After, and whether the provider may have acted on it. Holds no request or response content.
/// </summary>
internal sealed class TwilioCallScope : IDisposable
{
    private static readonly AsyncLocal<TwilioCallScope?> CurrentScope = new();

    private readonly TwilioCallScope? _outer;
    private int _attempts;
    private int _uncertainAttempts;

    private TwilioCallScope(CancellationToken cancellationToken, TwilioCallScope? outer)
    {
        CancellationToken = cancellationToken;
        _outer = outer;
    }

    public static TwilioCallScope? Current => CurrentScope.Value;

    public CancellationToken CancellationToken { get; }

    /// <summary>HTTP attempts made so far (the pipeline's retries included).</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>
    /// Attempts the provider may have acted on without saying so: a timeout or a dropped connection after the
    /// request left, or a 5xx. For a send this means the text may have gone out.
    /// </summary>
    public int UncertainAttempts => Volatile.Read(ref _uncertainAttempts);

    /// <summary>The last answer's HTTP status (0 before any answer).</summary>
    public int LastStatus { get; private set; }

    /// <summary>The last answer's Retry-After, when it had one.</summary>
    public TimeSpan? LastRetryAfter { get; private set; }

    public static TwilioCallScope Begin(CancellationToken cancellationToken)
    {
        var scope = new TwilioCallScope(cancellationToken, CurrentScope.Value);
        CurrentScope.Value = scope;
        return scope;
    }

    public void Dispose() => CurrentScope.Value = _outer;

    internal void AttemptStarted() => Interlocked.Increment(ref _attempts);

    internal void Answered(HttpResponseMessage response)
    {
        LastStatus = (int)response.StatusCode;
        LastRetryAfter = RetryAfterOf(response.Headers);
        if (LastStatus >= 500) Interlocked.Increment(ref _uncertainAttempts);
    }

    internal void Failed(Exception exception)
    {
        if (!NeverLeft(exception)) Interlocked.Increment(ref _uncertainAttempts);
    }

    /// <summary>
    /// Retry-After as a delay: delta-seconds or an HTTP date (a date in the past is no wait). The date is the provider's
    /// clock, so it is read against the answer's own Date header when there is one: against this host's clock, a host an
    /// hour behind held a text an hour longer than asked.
    /// </summary>
    internal static TimeSpan? RetryAfterOf(HttpResponseHeaders headers)
    {
        if (headers.RetryAfter is not { } retryAfter) return null;
        if (retryAfter.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (retryAfter.Date is { } date)
        {
            var wait = date - (headers.Date ?? DateTimeOffset.UtcNow);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>A failure before the request left this machine: no name, no connection, no TLS session.</summary>
    internal static bool NeverLeft(Exception exception) =>
        exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
                or HttpRequestError.SecureConnectionError,
        };
}

/// <summary>
/// The outermost handler of the provider's HttpClient: makes the caller's CancellationToken (carried by the
/// <see cref="TwilioCallScope"/>) cancel the request, its retries and their waits.
/// </summary>
internal sealed class TwilioCallCancellationHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (TwilioCallScope.Current is not { CancellationToken.CanBeCanceled: true } scope)
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, scope.CancellationToken);
        return await base.SendAsync(request, linked.Token).ConfigureAwait(false);
    }
}

/// <summary>The innermost handler: records each attempt in the current <see cref="TwilioCallScope"/>.</summary>
internal sealed class TwilioAttemptRecorder : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var scope = TwilioCallScope.Current;
        scope?.AttemptStarted();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            scope?.Answered(response);
            return response;
        }
        catch (Exception exception)
        {
            scope?.Failed(exception);
            throw;
        }
    }
}
