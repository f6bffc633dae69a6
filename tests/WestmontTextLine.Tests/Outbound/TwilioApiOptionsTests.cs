using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WestmontTextLine.Outbound;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>The provider settings: defaults, binding from the "Twilio" section, the one-line description, validation.</summary>
public sealed class TwilioApiOptionsTests
{
    private static TwilioApiOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        using var services = new ServiceCollection().AddLogging().AddTwilioApi(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<TwilioApiOptions>>().Value;
    }

    [Fact]
    public void Without_an_account_everything_is_off_and_said_in_one_line()
    {
        var options = Bind(("Twilio:AuthToken", "token"));

        Assert.False(options.IsConfigured);
        Assert.False(options.DeletesMessages);
        Assert.False(options.CanSend);
        Assert.Equal("Provider deletion and outbound texts are off: Twilio:AccountSid is not set.", options.Describe());
        Assert.Equal("https://api.twilio.com", options.ApiBaseUrl);
        Assert.Equal(TimeSpan.FromMinutes(2), options.DeleteAfter);
    }

    [Fact]
    public void An_account_turns_deletion_on_by_default()
    {
        var options = Bind(("Twilio:AccountSid", "AC0123456789abcdef0123456789abcd12"), ("Twilio:AuthToken", "token"));

        Assert.True(options.IsConfigured);
        Assert.True(options.DeletesMessages);
        Assert.False(options.CanSend);
        Assert.Equal(
            "Twilio account AC…12: provider deletion is on (2 minutes after each message is final); "
            + "outbound texts are off (neither Twilio:From nor Twilio:MessagingServiceSid is set).",
            options.Describe());
    }

    [Fact]
    public void Every_setting_binds_from_the_twilio_section()
    {
        var options = Bind(
            ("Twilio:AccountSid", "AC0123456789abcdef0123456789abcd12"), ("Twilio:AuthToken", "token"),
            ("Twilio:ApiBaseUrl", "https://example.signalwire.com/api/laml"), ("Twilio:From", "+15005550006"),
            ("Twilio:MessagingServiceSid", "MG0123456789abcdef0123456789abcd34"), ("Twilio:DeleteMessages", "false"),
            ("Twilio:RequestValidation:BaseUrl", "https://line.example.org"), ("Twilio:DeleteAfter", "00:05:00"), ("Twilio:Resilience:AttemptTimeout", "00:00:03"),
            ("Twilio:Resilience:MaxRetryAttempts", "1"));

        Assert.Equal("https://example.signalwire.com/api/laml", options.ApiBaseUrl);
        Assert.Equal(TimeSpan.FromMinutes(5), options.DeleteAfter);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Resilience.AttemptTimeout);
        Assert.Equal(1, options.Resilience.MaxRetryAttempts);
        Assert.False(options.DeletesMessages);
        Assert.True(options.CanSend);
        Assert.True(options.ReportsDelivery);
        Assert.Equal(
            "Twilio account AC…12 at https://example.signalwire.com/api/laml: provider deletion is off "
            + "(Twilio:DeleteMessages is false); outbound texts go through Messaging Service MG…34.",
            options.Describe());
    }

    [Fact]
    public void Outbound_texts_without_the_public_base_url_are_said_to_get_no_delivery_reports()
    {
        // Without Twilio:RequestValidation:BaseUrl an outbound text names no status callback: an alert or a contact
        // request the carrier never delivers goes unnoticed, and she is told her contact was texted.
        var without = Bind(("Twilio:AccountSid", "AC0123456789abcdef0123456789abcd12"), ("Twilio:AuthToken", "token"),
            ("Twilio:From", "+15005550006"));
        var with = Bind(("Twilio:AccountSid", "AC0123456789abcdef0123456789abcd12"), ("Twilio:AuthToken", "token"),
            ("Twilio:From", "+15005550006"), ("Twilio:RequestValidation:BaseUrl", "https://line.example.org"));

        Assert.True(without.CanSend);
        Assert.False(without.ReportsDelivery);
        Assert.Equal(
            "Twilio account AC…12: provider deletion is on (2 minutes after each message is final); "
            + "outbound texts come from Twilio:From, with no delivery reports: set Twilio:RequestValidation:BaseUrl, "
            + "or a text the carrier does not deliver (an alert to a safety contact) goes unnoticed.",
            without.Describe());
        Assert.True(with.ReportsDelivery);
        Assert.Equal(
            "Twilio account AC…12: provider deletion is on (2 minutes after each message is final); "
            + "outbound texts come from Twilio:From.",
            with.Describe());
    }

    [Fact]
    public void An_account_without_its_token_is_off_and_an_error()
    {
        var options = new TwilioApiOptions { AccountSid = "AC0123456789abcdef0123456789abcd12" };

        Assert.False(options.IsConfigured);
        Assert.Equal("Provider deletion and outbound texts are off: Twilio:AuthToken is not set.", options.Describe());
        Assert.Contains(options.Validate(), error => error.Contains("Twilio:AuthToken"));
    }

    [Theory]
    [InlineData("https://api.twilio.com", true)]
    [InlineData("https://example.signalwire.com/api/laml", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5000/", true)]
    [InlineData("http://[::1]:5000/", true)]
    [InlineData("http://api.example.org", false)] // the token would cross a network in clear text
    [InlineData("ftp://api.example.org", false)]
    [InlineData("api.twilio.com", false)]
    [InlineData("https://api.example.org/?x=1", false)]
    [InlineData("", false)]
    public void The_api_base_url_must_be_https_unless_it_is_loopback(string url, bool valid)
    {
        var errors = new TwilioApiOptions { ApiBaseUrl = url }.Validate();

        Assert.Equal(valid, !errors.Any(error => error.Contains("Twilio:ApiBaseUrl")));
    }

    [Theory]
    [InlineData("+16305550123", true)]
    [InlineData(" +16305550123 ", true)] // a secrets file's spaces
    [InlineData("+442079460958", true)]
    [InlineData("89363", true)] // a short code
    [InlineData("(630) 555-0123", false)] // Twilio would take it, but its list of sent texts says +16305550123
    [InlineData("6305550123", false)]
    [InlineData("+1630555", false)] // cut short
    [InlineData("hello", false)] // an alphanumeric sender: she could not reply OK or YES to it
    [InlineData("WestmontTL", false)]
    public void The_from_number_must_be_a_number_in_international_form_or_a_short_code(string from, bool valid)
    {
        var errors = new TwilioApiOptions { From = from }.Validate();

        Assert.Equal(valid, !errors.Any(error => error.StartsWith("Twilio:From must be", StringComparison.Ordinal)));
    }

    [Fact]
    public void Unusable_timings_are_refused_when_the_options_are_read()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Twilio:Resilience:AttemptTimeout"] = "00:01:00",
            ["Twilio:Resilience:TotalTimeout"] = "00:00:30",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddTwilioApi(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TwilioApiOptions>>().Value);
        Assert.Contains("Twilio:Resilience:AttemptTimeout must not be longer than Twilio:Resilience:TotalTimeout.", failure.Failures);
    }

    [Fact]
    public async Task The_client_refuses_calls_the_settings_do_not_allow()
    {
        await using var line = await OutboundHarness.StartAsync(settings => settings["Twilio:From"] = null);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            line.Messages.SendAsync(OutboundHarness.TexterNumber, "Test", null, default));
        await Assert.ThrowsAsync<ArgumentException>(() => line.Messages.DeleteAsync("SM1/../../Calls/CA1", default));
        Assert.Equal(0, line.Fake.RequestCount);
    }
}
