using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using WestmontTextLine.Console;

namespace WestmontTextLine.Tests.Console;

/// <summary>Which origins a passkey ceremony may come from, and the Console:PasskeyServerDomain setting as read.</summary>
public sealed class ConsolePasskeyOriginTests
{
    [Theory]
    [InlineData("https://localhost", "https://localhost", true)]
    [InlineData("https://line.example.org", "https://line.example.org", true)]
    [InlineData("http://localhost:5080", "http://localhost:5080", true)]
    [InlineData("https://line.example.org:8443", "https://line.example.org:8443", true)]
    [InlineData("https://localhost:8443", "https://localhost", false)]
    [InlineData("http://localhost", "https://localhost", false)]
    [InlineData("https://look-alike.example", "https://localhost", false)]
    [InlineData("https://line.example.org.look-alike.example", "https://line.example.org", false)]
    [InlineData("http://line.example.org", "http://line.example.org", false)]
    [InlineData("https://localhost/console", "https://localhost", false)]
    [InlineData("null", "https://localhost", false)]
    [InlineData("", "https://localhost", false)]
    public void Without_a_configured_domain_the_origin_is_the_requests_own(string origin, string requestUrl, bool accepted) =>
        Assert.Equal(accepted, ConsolePasskeys.IsConsoleOrigin(origin, Request(requestUrl), configuredDomain: null));

    [Theory]
    [InlineData("https://line.example.org", true)]
    [InlineData("https://LINE.example.org", true)]
    [InlineData("https://staff.line.example.org", false)]
    [InlineData("http://line.example.org", false)]
    [InlineData("https://localhost", false)]
    public void With_a_configured_domain_the_origin_is_that_domain_over_https_whatever_the_proxy_asked(string origin, bool accepted) =>
        Assert.Equal(accepted, ConsolePasskeys.IsConsoleOrigin(origin, Request("http://127.0.0.1:5080"), configuredDomain: "line.example.org"));

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("  ", null)]
    [InlineData(" Line.Example.ORG. ", "line.example.org")]
    public void The_setting_is_trimmed_and_lower_case_and_empty_means_each_requests_host(string? setting, string? domain)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Console:PasskeyServerDomain"] = setting })
            .Build();
        Assert.Equal(domain, ConsolePasskeys.ServerDomain(configuration));
    }

    private static HttpRequest Request(string url)
    {
        var uri = new Uri(url);
        var context = new DefaultHttpContext();
        context.Request.Scheme = uri.Scheme;
        context.Request.Host = uri.IsDefaultPort ? new HostString(uri.Host) : new HostString(uri.Host, uri.Port);
        return context.Request;
    }
}
