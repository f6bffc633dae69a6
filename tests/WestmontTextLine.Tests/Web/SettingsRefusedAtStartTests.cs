using WestmontTextLine.Settings;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// Every setting the line cannot use stops start-up with a message that names it, before anything starts: found from
/// outside, each of these once started a line that failed its texters later, or crashed with a stack trace.
/// </summary>
public class SettingsRefusedAtStartTests
{
    [Theory]
    [InlineData("TextLine:SessionTimeout", "31.00:00:00", "TextLine:SessionTimeout must be between a moment and 30 days")]
    // Every retention sweep failed, so nothing was ever deleted.
    [InlineData("TextLine:Retention", "1000000.00:00:00", "TextLine:Retention must be between a moment and 3650 days")]
    [InlineData("TextLine:FlowsPath", "no-such-flows-folder", "TextLine:FlowsPath: folder not found")]
    [InlineData("TextLine:FlowsPath", "src", "TextLine:FlowsPath: no flow files in")]
    // "folder not found", of a file that is there.
    [InlineData("TextLine:FlowsPath", "flows/en.yaml", "TextLine:FlowsPath names the file ")]
    // Unreadable values crashed the line with "Unhandled exception" and exit 134.
    [InlineData("TextLine:SessionTimeout", "abc", "Failed to convert configuration value 'abc' at 'TextLine:SessionTimeout'")]
    [InlineData("Handoff:TakeMessages", "no", "Failed to convert configuration value 'no' at 'Handoff:TakeMessages'")]
    [InlineData("Console:Enabled", "no", "Failed to convert configuration value 'no' at 'Console:Enabled'")]
    // Started, answered 500 and stopped with exit code 0.
    [InlineData("Storage:ConnectionString", "Data Source=:memory:", "Storage:ConnectionString must name a database file")]
    [InlineData("Storage:ConnectionString", "abc", "Storage:ConnectionString is not a SQLite connection string")]
    [InlineData("Storage:Provider", "Redis", "Storage:ConnectionString is not a Redis connection string (Keyword 'Data Source' is not supported")]
    // Deletion at the provider failed for every message.
    [InlineData("Twilio:DeleteAfter", "10675199.00:00:00", "Twilio:DeleteAfter must be between 00:00:00 and 30 days")]
    // "Access to the path is denied", of a folder the line could write: the operator was sent to change its permissions.
    [InlineData("Storage:ConnectionString", "Data Source=flows", "Storage:ConnectionString names the folder ")]
    // Crashed with a stack trace ("The file ... already exists", from creating the database's folder).
    [InlineData("Storage:ConnectionString", "Data Source=appsettings.json/textline.db", "appsettings.json is a file, not a folder, so the database ")]
    // Created an empty database, then stopped with "attempt to write a readonly database", of a file it could write.
    [InlineData("Storage:ConnectionString", "Data Source=data/textline.db;Mode=ReadOnly", "Storage:ConnectionString opens the database read-only (Mode=ReadOnly)")]
    // Crashed with a stack trace: "the native SQLite library 'e_sqlite3' doesn't support encryption".
    [InlineData("Storage:ConnectionString", "Data Source=data/textline.db;Password=a-database-password", "Storage:ConnectionString sets a Password, which the line's SQLite cannot use")]
    [InlineData("Twilio:Resilience:MaxDelay", "2.00:00:00", "Twilio:Resilience:MaxDelay must be between 00:00:00 and 1 day")]
    [InlineData("Twilio:Resilience:MaxDelay", "-00:00:01", "Twilio:Resilience:MaxDelay must be between 00:00:00 and 1 day")]
    [InlineData("Twilio:Resilience:MaxRetryAfter", "2.00:00:00", "Twilio:Resilience:MaxRetryAfter must be between 00:00:00 and 1 hour")]
    [InlineData("Twilio:RequestValidation:BaseUrl", "https://line.example.org/\nx", "must not hold spaces or line breaks")]
    [InlineData("CheckIn:Grace", "00:00:00.001", "CheckIn:Grace must be between a second and 2 hours")]
    [InlineData("CheckIn:StaffNumber", "abc", "CheckIn:StaffNumber must be a phone number that can get texts")]
    [InlineData("CheckIn:StaffNumber", "911", "CheckIn:StaffNumber must be a phone number that can get texts")]
    [InlineData("CheckIn:BuddyUnusedFor", "10675199.00:00:00", "CheckIn:BuddyUnusedFor must be between a moment and 3650 days")]
    [InlineData("Console:PasskeyServerDomain", "https://line.example.org", "Console:PasskeyServerDomain must be the host name staff type")]
    [InlineData("Console:PasskeyServerDomain", "line.example.org:443", "Console:PasskeyServerDomain must be the host name staff type")]
    [InlineData("Console:PasskeyServerDomain", "línea.example.org", "Console:PasskeyServerDomain must be written in its ASCII form")]
    [InlineData("Console:AuditKeepFor", "7.00:00:00", "Console:AuditKeepFor must be between 30 days and 3650 days")]
    [InlineData("Console:AuditKeepFor", "10675199.00:00:00", "Console:AuditKeepFor must be between 30 days and 3650 days")]
    [InlineData("Console:AuditMaxEntries", "100", "Console:AuditMaxEntries must be between 10000 and 5000000")]
    public void A_setting_the_line_cannot_use_stops_start_up_and_names_itself(string setting, string value, string message)
    {
        using var factory = new TextLineFactory { Environment = "Production" };
        factory.Settings[setting] = value;

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        if (!error.ToString().Contains(message, StringComparison.Ordinal)) Assert.Fail($"Expected \"{message}\" in:\n{error}");
    }

    // Options with no server (the host in a variable that was never set) passed the settings check and crashed the
    // start with a stack trace: "No endpoints specified".
    [Fact]
    public void A_redis_connection_string_without_a_server_stops_start_up_and_names_itself()
    {
        using var factory = new TextLineFactory { Environment = "Production" };
        factory.Settings["Storage:Provider"] = "Redis";
        factory.Settings["Storage:ConnectionString"] = "password=redis-secret-value,ssl=true";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();

        Assert.Contains("Storage:ConnectionString is not a Redis connection string (it names no server: it begins with the server's host:port)", error);
        Assert.DoesNotContain("redis-secret-value", error);
    }

    // A port with no host (Storage__ConnectionString="$REDIS_HOST:6379", the variable unset): StackExchange.Redis read
    // a server whose host name is ":6379", the line started, warned that Redis "at :6379" did not answer, and gave every
    // texter the safety fallback while Redis ran on that port.
    [Fact]
    public void A_redis_port_with_no_host_stops_start_up_and_says_so()
    {
        using var factory = new TextLineFactory { Environment = "Production" };
        factory.Settings["Storage:Provider"] = "Redis";
        factory.Settings["Storage:ConnectionString"] = ":6379";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();

        Assert.Contains("Storage:ConnectionString is not a Redis connection string (a server has no host name before its port, as in :6379)", error);
    }

    // A password holding a comma: StackExchange.Redis read its second half as another server, the line started, and
    // its "Redis at ... does not answer" warning printed that half of the password.
    [Fact]
    public void A_redis_password_holding_a_comma_stops_start_up_without_naming_any_of_it()
    {
        using var factory = new TextLineFactory { Environment = "Production" };
        factory.Settings["Storage:Provider"] = "Redis";
        factory.Settings["Storage:ConnectionString"] = "localhost:6379,password=first-half,second-half-of-the-secret";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();

        Assert.Contains("Storage:ConnectionString is not a Redis connection string (a part after its options has no '=' and would be read as another server", error);
        Assert.DoesNotContain("second-half-of-the-secret", error);
        Assert.DoesNotContain("first-half", error);
    }

    [Theory]
    // Five times this limit overflowed, and the urgent cap wrapped below zero: now it saturates (SenderRateLimiterTests).
    [InlineData("TextLine:RateLimitPerMinute", "2147483647")]
    [InlineData("TextLine:PrivacyKey", "short")]
    [InlineData("CheckIn:StaffNumber", "+15005550006")]
    [InlineData("CheckIn:StaffNumber", "+44 20 7946 0958")]
    [InlineData("CheckIn:StaffNumber", "(630) 555-0199")]
    [InlineData("Console:PasskeyServerDomain", "line.example.org.")]
    [InlineData("Console:AuditKeepFor", "3650.00:00:00")]
    [InlineData("Console:AuditMaxEntries", "10000")]
    [InlineData("Twilio:Resilience:MaxDelay", "1.00:00:00")]
    public async Task A_usable_value_at_the_edge_starts_the_line(string setting, string value)
    {
        await using var factory = new TextLineFactory { Environment = "Production" };
        factory.Settings[setting] = value;

        using var client = factory.CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("tok\n")]
    [InlineData(" tok ")]
    public async Task A_token_read_with_a_line_break_or_spaces_around_it_still_checks_twilios_signatures(string written)
    {
        await using var factory = new TextLineFactory { Environment = "Production" };
        factory.Settings["Twilio:AuthToken"] = written;
        var twilio = new TwilioClient(factory.CreateClient(), "+16305550100");
        var fields = twilio.Fields("hi", twilio.NextSid());

        var reply = await twilio.PostAsync(fields, signature: TwilioTestSigner.Sign("tok", TextLineFactory.BaseAddress + "/sms", fields));

        Assert.Equal(System.Net.HttpStatusCode.OK, reply.StatusCode);
    }

    [Fact]
    public void The_bounds_are_the_ones_the_messages_name()
    {
        Assert.Equal(TimeSpan.FromDays(30), TextLineOptionsValidation.LongestSessionTimeout);
        Assert.Equal(TimeSpan.FromDays(3650), TextLineOptionsValidation.LongestRetention);
    }
}
