using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// The line behind a TLS-terminating proxy: Twilio signs https://line.example.org/sms, the app sees http://localhost/sms.
/// The test server has no remote address, so <see cref="TestRemoteAddress"/> gives each request the address the test names.
/// </summary>
public class ProxyTests
{
    private const string KnownProxy = "10.0.0.5";
    private const string PublicUrl = "https://line.example.org/sms";

    private static TextLineFactory Factory(Dictionary<string, string?>? settings = null, bool withKnownProxy = true)
    {
        var factory = new TextLineFactory { TestServices = TestRemoteAddress.AddTo };
        if (withKnownProxy) factory.Settings["ForwardedHeaders:KnownProxies:0"] = KnownProxy;
        foreach (var (key, value) in settings ?? []) factory.Settings[key] = value;
        return factory;
    }

    private static async Task<HttpStatusCode> SendAsync(
        TextLineFactory factory, string remoteAddress, string? signedUrl, bool forwarded = true, string forwardedHost = "line.example.org",
        string forwardedFor = "203.0.113.9")
    {
        var twilio = factory.CreateTwilioClient("+16305550500");
        var fields = twilio.Fields("hi", twilio.NextSid());
        var request = new HttpRequestMessage(HttpMethod.Post, "/sms") { Content = new FormUrlEncodedContent(fields) };
        if (signedUrl is not null) request.Headers.Add("X-Twilio-Signature", TwilioTestSigner.Sign(TextLineFactory.AuthToken, signedUrl, fields));
        request.Headers.Add(TestRemoteAddress.Header, remoteAddress);
        if (forwarded)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", forwardedHost);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return (await twilio.Http.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Forwarded_https_from_a_known_proxy_validates_against_the_public_url()
    {
        await using var factory = Factory();

        Assert.Equal(HttpStatusCode.OK, await SendAsync(factory, KnownProxy, PublicUrl));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(factory, KnownProxy, "http://localhost/sms"));
    }

    // What an operator writes in an environment variable: ForwardedHeaders__KnownProxies=10.0.0.5, one value.
    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies", "10.0.0.5")]
    [InlineData("ForwardedHeaders:KnownProxies", "10.0.0.9,10.0.0.5")]
    [InlineData("ForwardedHeaders:KnownProxies", " 10.0.0.9 , 10.0.0.5 ")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.0.5 ")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0/24")]
    [InlineData("ForwardedHeaders:KnownNetworks", "192.168.0.0/16, 10.0.0.0/8")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.1/24")]
    public async Task A_proxy_named_in_one_value_is_trusted_like_one_named_in_an_array(string setting, string value)
    {
        await using var factory = Factory(new() { [setting] = value }, withKnownProxy: false);

        Assert.Equal(HttpStatusCode.OK, await SendAsync(factory, KnownProxy, PublicUrl));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(factory, KnownProxy, "http://localhost/sms"));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(factory, "198.51.100.7", PublicUrl));
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "abc", "ForwardedHeaders:KnownProxies: 'abc' is not an IP address (e.g. 10.0.0.5)")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.0.0/24", "ForwardedHeaders:KnownProxies: '10.0.0.0/24' is not an IP address (e.g. 10.0.0.5); ranges go in ForwardedHeaders:KnownNetworks (e.g. 10.0.0.0/24).")]
    [InlineData("ForwardedHeaders:KnownProxies", "999.1.1.1", "ForwardedHeaders:KnownProxies: '999.1.1.1' is not an IP address")]
    [InlineData("ForwardedHeaders:KnownProxies", "10.0.0.5,10.0.0.6.7", "ForwardedHeaders:KnownProxies: '10.0.0.6.7' is not an IP address")]
    [InlineData("ForwardedHeaders:KnownProxies", "10.1", "ForwardedHeaders:KnownProxies: '10.1' is not an IP address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "abc", "ForwardedHeaders:KnownNetworks: 'abc' is not a range in CIDR form")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.1", "ForwardedHeaders:KnownNetworks: '10.0.0.1' is not a range in CIDR form, an address and a prefix length (e.g. 10.0.0.0/24); single addresses go in ForwardedHeaders:KnownProxies (e.g. 10.0.0.5).")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0/33", "ForwardedHeaders:KnownNetworks: '10.0.0.0/33' is not a range in CIDR form")]
    public void A_proxy_address_that_cannot_be_used_stops_start_up_and_names_it(string setting, string value, string message)
    {
        using var factory = Factory(new() { [setting] = value }, withKnownProxy: false);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        if (!error.ToString().Contains(message, StringComparison.Ordinal)) Assert.Fail($"Expected \"{message}\" in:\n{error}");
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unknown_address_do_not_change_the_validated_url()
    {
        await using var factory = Factory();

        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(factory, "10.0.0.99", PublicUrl));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(factory, "10.0.0.99", "http://localhost/sms"));
    }

    [Fact]
    public async Task A_configured_base_url_is_the_url_validated()
    {
        await using var factory = Factory(new() { ["Twilio:RequestValidation:BaseUrl"] = "https://line.example.org" });

        Assert.Equal(HttpStatusCode.OK, await SendAsync(factory, "10.0.0.99", PublicUrl, forwarded: false));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(factory, "10.0.0.99", "http://localhost/sms", forwarded: false));
    }

    [Fact]
    public async Task With_no_known_proxy_forwarded_headers_cannot_choose_the_validated_url()
    {
        // A signature captured for another webhook URL of the same account, replayed with headers that name that URL.
        await using var factory = Factory(withKnownProxy: false);

        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(factory, "198.51.100.7", "https://attacker.example/sms", forwardedHost: "attacker.example"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(factory, "198.51.100.7", "http://localhost/sms", forwardedHost: "attacker.example"));
    }

    [Fact]
    public async Task In_development_without_a_token_a_forwarded_loopback_address_does_not_make_a_remote_caller_local()
    {
        await using var factory = Factory(new() { ["Twilio:AuthToken"] = "" }, withKnownProxy: false);

        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(factory, "198.51.100.7", signedUrl: null, forwardedFor: "127.0.0.1"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(factory, "127.0.0.1", signedUrl: null, forwarded: false));
    }
}
