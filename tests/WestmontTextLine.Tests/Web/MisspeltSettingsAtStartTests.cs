using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// A setting the line would ignore (a misspelt key, a section and key joined by one underscore) is a warning at start,
/// naming the setting it was likely meant to be and never its value; and it is named in the line that refuses the start
/// too, since it is often the reason. Before, it was silently ignored: CheckIn:StaffNumbr left the on-call phone
/// unalerted, Storage_Provider left an instance on its own SQLite file beside the others.
/// </summary>
public class MisspeltSettingsAtStartTests
{
    [Theory]
    [InlineData("CheckIn:StaffNumbr", "CheckIn:StaffNumbr is not a setting of the line, so it is ignored: did you mean CheckIn:StaffNumber?")]
    [InlineData("Storage_Provider", "Storage_Provider is not a setting of the line, so it is ignored: a setting's section and key are joined by ':', or by two underscores in an environment variable (Storage__Key): did you mean Storage:Provider (environment variable Storage__Provider)?")]
    public async Task A_misspelt_setting_is_a_warning_at_start(string setting, string warning)
    {
        await using var factory = new TextLineFactory();
        factory.Settings[setting] = "+16305550123";

        using var client = factory.CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Contains(factory.Logs.Lines, line => line.StartsWith("Warning ", StringComparison.Ordinal) && line.Contains(warning, StringComparison.Ordinal));
        Assert.DoesNotContain("5550123", factory.Logs.All);
    }

    // Read as 2 days, within its bounds: every text stayed at the provider two days instead of two minutes, unsaid.
    [Fact]
    public async Task A_duration_written_as_a_bare_number_is_a_warning_at_start()
    {
        await using var factory = new TextLineFactory();
        factory.Settings["Twilio:DeleteAfter"] = "2";

        using var client = factory.CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Contains(factory.Logs.Lines, line => line.StartsWith("Warning ", StringComparison.Ordinal) && line.Contains(
            "Twilio:DeleteAfter is '2', which the line reads as 2 days: write durations as hh:mm:ss or d.hh:mm:ss (2.00:00:00 for 2 days, 00:02:00 for 2 minutes).",
            StringComparison.Ordinal));
    }

    [Fact]
    public void A_refused_start_names_the_misspelt_setting_beside_the_missing_one()
    {
        using var factory = new TextLineFactory { Environment = "Production" };
        factory.Settings["Twilio:AuthToken"] = "";
        factory.Settings["Twilio:AuthTokn"] = "secret-token-value";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();

        Assert.Contains("Twilio:AuthToken is required outside Development", error);
        Assert.Contains("Twilio:AuthTokn is not a setting of the line, so it is ignored: did you mean Twilio:AuthToken?", error);
        Assert.DoesNotContain("secret-token-value", error);
    }

    [Fact]
    public void A_refused_start_names_every_setting_at_once_an_unreadable_value_too()
    {
        using var factory = new TextLineFactory { Environment = "Production" };
        factory.Settings["TextLine:SessionTimeout"] = "abc";
        factory.Settings["CheckIn:Grace"] = "0";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();

        Assert.Contains("Failed to convert configuration value 'abc' at 'TextLine:SessionTimeout'", error);
        Assert.Contains("CheckIn:Grace must be between a second and 2 hours", error);
    }
}
