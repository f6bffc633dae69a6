using System.Net;
using System.Net.Http.Headers;
using WestmontTextLine.Outbound;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// Retry-After as an HTTP date is a time on the provider's clock. Read against this host's clock, a host an hour
/// behind waited an hour and 30 seconds for "30 seconds from now" (a check-in text or a staff reply held that long);
/// the answer's own Date header says what the provider's "now" was.
/// </summary>
public sealed class RetryAfterDateTests
{
    [Fact]
    public void A_retry_after_date_is_read_against_the_answers_own_date_not_this_hosts_clock()
    {
        var providerNow = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()) + TimeSpan.FromHours(1);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.Date = providerNow;
        response.Headers.RetryAfter = new RetryConditionHeaderValue(providerNow + TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), TwilioCallScope.RetryAfterOf(response.Headers));
    }

    [Fact]
    public void Without_a_date_header_a_retry_after_date_is_read_against_this_hosts_clock()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30));

        Assert.InRange(TwilioCallScope.RetryAfterOf(response.Headers)!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
    }
}
