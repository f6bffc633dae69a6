using Twilio.Http;
using Twilio.Rest;
using WestmontTextLine.Outbound;
using HttpMethod = Twilio.Http.HttpMethod;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>How the SDK's requests are sent to Twilio:ApiBaseUrl instead of Twilio's hosts.</summary>
public sealed class TwilioApiHttpClientTests
{
    private static readonly Uri Fake = new("http://127.0.0.1:40123/api/laml/");

    private static Request SdkRequest(string? region = null, string? edge = null)
    {
        // As MessageResource builds a delete: the Api domain, the 2010 path, Basic auth set by TwilioRestClient.
        var request = new Request(HttpMethod.Delete, Domain.Api, "/2010-04-01/Accounts/AC1/Messages/SM1.json",
            queryParams: [new("Page", "1")], headerParams: [new("X-Test", "yes")]) { Region = region, Edge = edge };
        request.SetAuth("AC1", "token");
        return request;
    }

    [Fact]
    public void A_request_to_the_api_host_goes_to_the_base_url_with_everything_else_kept()
    {
        var rewritten = TwilioApiHttpClient.Rewrite(SdkRequest(), Fake);

        Assert.Equal("http://127.0.0.1:40123/api/laml/2010-04-01/Accounts/AC1/Messages/SM1.json?Page=1", rewritten.ConstructUrl().AbsoluteUri);
        Assert.Equal(HttpMethod.Delete, rewritten.Method);
        Assert.Equal(("AC1", "token"), (rewritten.Username, rewritten.Password));
        Assert.Contains(new KeyValuePair<string, string>("X-Test", "yes"), rewritten.HeaderParams);
    }

    [Theory]
    [InlineData("ie1", null)]
    [InlineData("au1", "sydney")]
    [InlineData(null, "dublin")]
    public void Regional_and_edge_api_hosts_are_rewritten_too(string? region, string? edge)
    {
        var request = SdkRequest(region, edge);
        Assert.StartsWith("api.", request.ConstructUrl().Host);
        Assert.NotEqual("api.twilio.com", request.ConstructUrl().Host);

        var rewritten = TwilioApiHttpClient.Rewrite(request, Fake);

        Assert.Equal("127.0.0.1", rewritten.ConstructUrl().Host);
    }

    [Fact]
    public void A_request_for_another_twilio_product_is_refused_rather_than_sent_to_twilio()
    {
        var request = new Request(HttpMethod.Get, Domain.Messaging, "/v1/Services");

        Assert.Throws<InvalidOperationException>(() => TwilioApiHttpClient.Rewrite(request, Fake));
    }

    [Theory]
    [InlineData("api.twilio.com", true)]
    [InlineData("API.Twilio.com", true)]
    [InlineData("api.sydney.au1.twilio.com", true)]
    [InlineData("messaging.twilio.com", false)]
    [InlineData("api.twilio.com.example.org", false)]
    [InlineData("apitwilio.com", false)]
    public void Twilio_api_hosts_are_recognised(string host, bool isApi) =>
        Assert.Equal(isApi, TwilioApiHttpClient.IsTwilioApiHost(host));
}
