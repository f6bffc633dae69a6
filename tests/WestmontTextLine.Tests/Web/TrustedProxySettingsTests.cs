using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WestmontTextLine.Hosting;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// The proxies the line trusts, read from environment variables as an operator writes them: through the real
/// environment-variable configuration source, under a prefix of this test's own so no other test sees them.
/// </summary>
public class TrustedProxySettingsTests
{
    private static ForwardedHeadersOptions ForwardedHeadersFrom(params (string Name, string Value)[] variables)
    {
        var prefix = $"WTL_PROXY_TEST_{Guid.NewGuid():N}_";
        try
        {
            foreach (var (name, value) in variables) Environment.SetEnvironmentVariable(prefix + name, value);
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            using var services = new ServiceCollection().AddTrustedProxies(configuration).BuildServiceProvider();
            return services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        }
        finally
        {
            foreach (var (name, _) in variables) Environment.SetEnvironmentVariable(prefix + name, null);
        }
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1,10.0.0.1")]
    [InlineData(" 127.0.0.1 , 10.0.0.1 ")]
    public void Proxies_in_one_variable_are_each_trusted(string value)
    {
        var options = ForwardedHeadersFrom(("ForwardedHeaders__KnownProxies", value));

        var expected = value.Split(',').Select(address => IPAddress.Parse(address.Trim()));
        Assert.Equal(expected, options.KnownProxies);
    }

    [Fact]
    public void Proxies_in_an_array_are_each_trusted_with_spaces_trimmed()
    {
        var options = ForwardedHeadersFrom(("ForwardedHeaders__KnownProxies__0", "127.0.0.1 "), ("ForwardedHeaders__KnownProxies__1", "10.0.0.1"));

        Assert.Equal([IPAddress.Parse("127.0.0.1"), IPAddress.Parse("10.0.0.1")], options.KnownProxies);
    }

    [Fact]
    public void Networks_in_one_variable_or_an_array_are_each_trusted()
    {
        var single = ForwardedHeadersFrom(("ForwardedHeaders__KnownNetworks", "10.0.0.0/24, 192.168.0.0/16"));
        var array = ForwardedHeadersFrom(("ForwardedHeaders__KnownNetworks__0", "10.0.0.0/24"), ("ForwardedHeaders__KnownNetworks__1", "192.168.0.0/16"));

        System.Net.IPNetwork[] expected = [System.Net.IPNetwork.Parse("10.0.0.0/24"), System.Net.IPNetwork.Parse("192.168.0.0/16")];
        Assert.Equal(expected, single.KnownIPNetworks);
        Assert.Equal(expected, array.KnownIPNetworks);
    }

    [Fact]
    public void With_none_named_no_proxy_is_trusted()
    {
        var options = ForwardedHeadersFrom(("ForwardedHeaders__KnownProxies", ""));

        Assert.Empty(options.KnownProxies);
        Assert.Empty(options.KnownIPNetworks);
    }

    [Theory]
    [InlineData("10.0.0.5", true)]
    [InlineData("::1", true)]
    [InlineData("2001:db8::5", true)]
    [InlineData("010.0.0.1", false)]
    [InlineData("10.1", false)]
    [InlineData("1", false)]
    [InlineData("fe80::1/64", false)]
    public void A_proxy_address_is_read_only_in_a_form_that_names_one_address(string text, bool read) =>
        Assert.Equal(read, ProxyAddress.TryParseAddress(text, out _));

    [Theory]
    [InlineData("10.0.0.0/24", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("2001:db8::/32", true)]
    [InlineData("10.0.0.0", false)]
    [InlineData("10.0.0.1/24", true)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("10.0/16", false)]
    [InlineData("/24", false)]
    public void A_proxy_range_is_read_only_as_an_address_and_a_prefix_length(string text, bool read) =>
        Assert.Equal(read, ProxyAddress.TryParseNetwork(text, out _));
}
