using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using WestmontTextLine.Hosting;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Web;

/// <summary>Where the line listens: localhost:5080 unless an operator says otherwise, in any of the usual ways.</summary>
public sealed class ListenAddressTests
{
    [Fact]
    public void With_nothing_set_the_line_listens_on_localhost_5080()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.ListenOnDefaultUnlessConfigured();
        Assert.Equal("http://localhost:5080", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Theory]
    [InlineData("--urls=http://127.0.0.1:6001", "http://127.0.0.1:6001")]
    [InlineData("--Urls=http://0.0.0.0:6002", "http://0.0.0.0:6002")]
    public void An_address_on_the_command_line_is_kept(string argument, string expected)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [argument] });
        builder.ListenOnDefaultUnlessConfigured();
        Assert.Equal(expected, builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Theory]
    [InlineData("urls", "http://127.0.0.1:6003")]
    [InlineData("http_ports", "6004")]
    [InlineData("https_ports", "6005")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://127.0.0.1:6006")]
    public void Any_setting_that_names_where_to_listen_counts(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        Assert.True(ListenAddress.IsConfigured(configuration));
    }

    [Fact]
    public void Unrelated_settings_do_not_count()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Kestrel:Limits:MaxRequestBodySize", "1000")]).Build();
        Assert.False(ListenAddress.IsConfigured(configuration));
    }

    [Fact]
    public void The_shipped_appsettings_name_no_address_so_the_environment_can()
    {
        var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoPaths.Root, "appsettings.json")).Build();
        Assert.False(ListenAddress.IsConfigured(settings));
    }

    /// <summary>
    /// README and the multi-instance set-up move the line with ASPNETCORE_URLS. A Urls in appsettings.json outranks
    /// that variable, and the line then listened on localhost:5080 whatever it said.
    /// </summary>
    [Fact]
    public async Task The_line_as_deployed_listens_where_ASPNETCORE_URLS_says()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-urls-{Guid.NewGuid():N}.db");
        try
        {
            await using var line = await LineProcess.StartAsync(database, urlsFromEnvironment: true);
            using var reply = await line.TextAsync("+16305550188", "hi", "SM" + new string('a', 32));
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
            Assert.Contains("<Message>", await reply.Content.ReadAsStringAsync());
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + "*")) File.Delete(file);
        }
    }
}
