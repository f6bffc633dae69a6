using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace WestmontTextLine.Outbound;

/// <summary>
/// The provider client's resilience pipeline, built by Microsoft.Extensions.Http.Resilience (Polly), outermost first:
/// <list type="number">
/// <item>a total timeout (<c>TotalTimeout</c>, 30 s) for the whole call, waits included;</item>
/// <item>retries (<c>MaxRetryAttempts</c>, 3) with exponential backoff and jitter (<c>BaseDelay</c> 1 s doubling up
/// to <c>MaxDelay</c> 8 s), honouring a Retry-After header instead when the answer has one;</item>
/// <item>a per-attempt timeout (<c>AttemptTimeout</c>, 10 s).</item>
/// </list>
/// What is retried (<see cref="ShouldRetry"/>): 429 for every request (Twilio refused it, so nothing was done),
/// unless its Retry-After is longer than <c>MaxRetryAfter</c> (10 s) or the call's <c>TotalTimeout</c>: then the 429 ends the call and its delay
/// goes back to the caller's durable queue. 408, 5xx, attempt timeouts and network failures are retried only
/// for GET and DELETE, which are safe to repeat; a create (POST) is retried after them only when the request
/// never left (no name, no connection), because Twilio may already have sent the text: a repeat would text the
/// person twice.
/// </summary>
public static class TwilioApiResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, TwilioApiResilienceOptions options)
    {
        pipeline.AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            var maxRetryAfter = options.MaxRetryAfter < options.TotalTimeout ? options.MaxRetryAfter : options.TotalTimeout;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    ShouldRetry(args.Outcome, args.Context.GetRequestMessage()?.Method, maxRetryAfter)),
            });
        }
        pipeline.AddTimeout(options.AttemptTimeout);
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod? method, TimeSpan maxRetryAfter)
    {
        var safeToRepeat = method == HttpMethod.Get || method == HttpMethod.Delete || method == HttpMethod.Head;
        if (outcome.Result is { } response)
        {
            var status = (int)response.StatusCode;
            var waitFits = TwilioCallScope.RetryAfterOf(response.Headers) is not { } wait || wait <= maxRetryAfter;
            if (status == (int)HttpStatusCode.TooManyRequests) return waitFits;
            if (status == (int)HttpStatusCode.RequestTimeout || status >= 500) return safeToRepeat && waitFits;
            return false;
        }

        return outcome.Exception switch
        {
            TimeoutRejectedException => safeToRepeat,
            HttpRequestException failure => safeToRepeat || TwilioCallScope.NeverLeft(failure),
            _ => false,
        };
    }
}
