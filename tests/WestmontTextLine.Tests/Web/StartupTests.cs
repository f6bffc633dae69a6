using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Web;

public class StartupTests
{
    private sealed class HostWithout(string environment, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
    {
        private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"textline-startup-{Guid.NewGuid():N}.db");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Twilio:AuthToken", "");
            builder.UseSetting("TextLine:PrivacyKey", "a-privacy-key-for-startup-tests");
            builder.UseSetting("Storage:ConnectionString", $"Data Source={_databasePath}");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (!disposing) return;
            SqliteFiles.Delete(_databasePath);
        }
    }

    [Fact]
    public void Production_refuses_to_start_without_an_auth_token()
    {
        using var host = new HostWithout("Production");

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("Twilio:AuthToken is required", error.ToString());
    }

    [Fact]
    public async Task Production_starts_without_a_token_only_when_validation_is_turned_off_explicitly()
    {
        using var host = new HostWithout("Production", ("Twilio:RequestValidation:Enabled", "false"));

        var response = await host.CreateClient().PostAsync("/sms", new FormUrlEncodedContent([new("From", "+16305550600"), new("Body", "hi")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Signature_checks_turned_off_with_a_token_set_are_a_warning_at_start_that_never_shows_the_token()
    {
        using var factory = new TextLineFactory();
        factory.Settings["Twilio:RequestValidation:Enabled"] = "false";

        factory.CreateClient();

        Assert.Contains(factory.Logs.Lines, line =>
            line.StartsWith("Warning ", StringComparison.Ordinal) && line.Contains("X-Twilio-Signature is not checked (Twilio:RequestValidation:Enabled is false)"));
        Assert.DoesNotContain(TextLineFactory.AuthToken, factory.Logs.All);
    }

    [Theory]
    [InlineData("TextLine:PrivacyKey", "changeme")]
    [InlineData("TextLine:EncryptionKey", "short-key")]
    public void A_key_short_enough_to_guess_is_a_warning_at_start_that_never_shows_the_key(string setting, string key)
    {
        using var factory = new TextLineFactory { Environment = "Production" };
        factory.Settings[setting] = key;

        factory.CreateClient();

        Assert.Contains(factory.Logs.Lines, line =>
            line.StartsWith("Warning ", StringComparison.Ordinal) && line.Contains($"{setting} is short enough to guess ({key.Length} characters)"));
        Assert.DoesNotContain(key, factory.Logs.All);
    }

    [Fact]
    public void A_long_key_gives_no_such_warning()
    {
        using var factory = new TextLineFactory { Environment = "Production" };
        factory.Settings["TextLine:PrivacyKey"] = "a-long-random-privacy-key-for-this-test";

        factory.CreateClient();

        Assert.DoesNotContain("short enough to guess", factory.Logs.All);
    }

    [Fact]
    public void Production_refuses_to_start_without_a_privacy_key()
    {
        using var host = new HostWithout("Production", ("Twilio:AuthToken", "t"), ("TextLine:PrivacyKey", ""));

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("TextLine:PrivacyKey is required", error.ToString());
    }

    [Fact]
    public async Task Development_without_a_token_refuses_requests_that_are_not_from_loopback()
    {
        using var host = new HostWithout("Development");

        // The test server has no remote address: it is not loopback, so it is not trusted (Twilio.AspNet's AllowLocal flaw).
        var response = await host.CreateClient().PostAsync("/sms", new FormUrlEncodedContent([new("From", "+16305550601"), new("Body", "hi")]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public void A_broken_flows_folder_stops_start_up()
    {
        var broken = Path.Combine(Support.RepoPaths.BrokenFlows, "dangling-option");
        using var host = new HostWithout("Development", ("TextLine:FlowsPath", broken));

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("option 2 points to missing node 'clinics'", error.ToString());
    }

    [Fact]
    public void Settings_files_are_read_once_with_no_reload_watcher()
    {
        // A reload watcher would watch every folder under the content root, recursively, for nothing: settings are
        // bound once at start.
        using var host = new HostWithout("Production", ("Twilio:AuthToken", "t"));

        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        var settingsFiles = configuration.Providers.OfType<JsonConfigurationProvider>().Select(p => p.Source).ToList();

        Assert.Contains(settingsFiles, source => source.Path == "appsettings.json");
        Assert.All(settingsFiles, source => Assert.False(source.ReloadOnChange, $"{source.Path} is watched for changes"));
    }
}
