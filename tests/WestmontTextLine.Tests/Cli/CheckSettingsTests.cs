using System.Diagnostics;
using WestmontTextLine.Cli;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Cli;

/// <summary>
/// `check` reads the settings the line would start with, through the start's own checks, and says by its exit code
/// whether the line would start. Before, it checked the flows alone: a setting that stops the line in production
/// (CheckIn:Grace 0, a missing auth token) passed `check` with "The line will start".
/// </summary>
public class CheckSettingsTests
{
    private const string Secret = "do-not-print-this-secret-0123456789";

    /// <summary>Production, with every setting it requires, so that each test changes one thing.</summary>
    private static Task<CliRun> CheckInProduction(params string[] settings) => CliRun.RunAsync(
        ["check", "--environment", "Production", "--Twilio:AuthToken", Secret, "--TextLine:PrivacyKey", Secret, .. settings]);

    [Fact]
    public async Task Check_passes_production_settings_the_line_starts_with()
    {
        var run = await CheckInProduction();

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        var at = Array.IndexOf(run.OutputLines, "Checking the settings in the Production environment");
        Assert.True(at >= 0, run.Output);
        Assert.Equal("No errors or warnings.", run.OutputLines[at + 2]);
        Assert.Contains("The line will start with these flows.", run.Output);
        Assert.DoesNotContain(Secret, run.Output + run.Error);
    }

    [Theory]
    // The line's own sections, the verbs' and the web host's alike.
    [InlineData("CheckIn:Grace", "00:00:00", "CheckIn:Grace must be between a second and 2 hours")]
    [InlineData("Twilio:DeleteAfter", "-00:01:00", "Twilio:DeleteAfter must be between 00:00:00 and 30 days")]
    // A folder as the database passed check, and the start said "Access to the path is denied"; a path through a file
    // passed check, and the start crashed with a stack trace.
    [InlineData("Storage:ConnectionString", "Data Source=flows", "Storage:ConnectionString names the folder ")]
    [InlineData("Storage:ConnectionString", "Data Source=flows/", "Storage:ConnectionString names the folder ")]
    [InlineData("Storage:ConnectionString", "Data Source=appsettings.json/textline.db", "Storage:ConnectionString: ")]
    // Both passed check; the start created an empty database, then stopped blaming the file's permissions, or crashed
    // with a stack trace ("the native SQLite library 'e_sqlite3' doesn't support encryption").
    [InlineData("Storage:ConnectionString", "Data Source=data/textline.db;Mode=ReadOnly", "Storage:ConnectionString opens the database read-only (Mode=ReadOnly)")]
    [InlineData("Storage:ConnectionString", "Data Source=data/textline.db;Password=" + Secret, "Storage:ConnectionString sets a Password, which the line's SQLite cannot use")]
    [InlineData("Console:AuditMaxEntries", "100", "Console:AuditMaxEntries must be between 10000 and 5000000")]
    [InlineData("ForwardedHeaders:KnownProxies", "10.0.0.300", "ForwardedHeaders:KnownProxies: '10.0.0.300' is not an IP address")]
    [InlineData("Twilio:RequestValidation:BaseUrl", "line.example.org", "Twilio:RequestValidation:BaseUrl 'line.example.org' is not an absolute http or https URL")]
    [InlineData("Kestrel:Endpoints:Web:Url", "127.0.0.1:5080", "Kestrel:Endpoints:Web:Url: '127.0.0.1:5080' is not an address to listen on")]
    // A number as words, a duration in another format, a switch as "yes": each named with how to write it.
    [InlineData("TextLine:RateLimitPerMinute", "twenty", "Failed to convert configuration value 'twenty' at 'TextLine:RateLimitPerMinute' to type 'System.Int32'. Write durations as")]
    [InlineData("Handoff:IdleClose", "30m", "Failed to convert configuration value '30m' at 'Handoff:IdleClose' to type 'System.TimeSpan'. Write durations as")]
    [InlineData("Handoff:TakeMessages", "yes", "Failed to convert configuration value 'yes' at 'Handoff:TakeMessages' to type 'System.Boolean'. Write durations as")]
    [InlineData("Storage:Provider", "Reddis", "Storage:Provider 'Reddis' is not known; use Sqlite or Redis.")]
    public async Task A_setting_the_line_would_refuse_fails_check_with_its_name(string setting, string value, string message)
    {
        var run = await CheckInProduction($"--{setting}", value);

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Contains(run.OutputLines, line => line.StartsWith($"error: {message}", StringComparison.Ordinal));
        Assert.EndsWith("The line will not start until the errors are fixed.", run.OutputLines.Last(l => l.Length > 0));
        Assert.DoesNotContain(Secret, run.Output + run.Error);
    }

    [Fact]
    public async Task A_redis_connection_string_without_a_server_fails_check()
    {
        var run = await CheckInProduction("--Storage:Provider", "Redis", "--Storage:ConnectionString", $"password={Secret}");

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Contains(run.OutputLines, line => line.StartsWith("error: Storage:ConnectionString is not a Redis connection string (it names no server", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, run.Output + run.Error);
    }

    // ":6379" (a host left in a variable that was never set) passed check; the line started, and gave every texter the
    // safety fallback while Redis ran: StackExchange.Redis reads it as a server whose host name is ":6379".
    [Theory]
    [InlineData(":6379")]
    [InlineData(" :6379,abortConnect=false")]
    [InlineData("redis:6379:1")]
    public async Task A_redis_server_with_no_host_name_fails_check(string connectionString)
    {
        var run = await CheckInProduction("--Storage:Provider", "Redis", "--Storage:ConnectionString", connectionString);

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Contains("error: Storage:ConnectionString is not a Redis connection string (a server has no host name before its port, as in :6379): " +
            "write it as host:port, e.g. localhost:6379, with any options after a comma.", run.OutputLines);
    }

    // A URL, as other Redis clients take it: read as one server named by the whole URL, so the line started, and its
    // "Redis at ... does not answer" warning printed the URL, password and all.
    [Theory]
    [InlineData("redis://localhost:6379")]
    [InlineData("rediss://default:" + Secret + "@redis.internal:6380/0")]
    public async Task A_redis_url_fails_check_saying_how_to_write_it_and_never_naming_it(string connectionString)
    {
        var run = await CheckInProduction("--Storage:Provider", "Redis", "--Storage:ConnectionString", connectionString);

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Contains(run.OutputLines, line => line.StartsWith(
            "error: Storage:ConnectionString is not a Redis connection string (it is written as a URL (redis://...), which StackExchange.Redis does not read: " +
            "write the server as host:port, and any password as an option after it (localhost:6379,password=...))", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, run.Output + run.Error);
    }

    [Fact]
    public async Task A_certificate_kestrel_cannot_use_fails_check()
    {
        using var files = new TestCertificateFiles();

        var run = await CheckInProduction("--Kestrel:Certificates:Default:Path", files.CertificatePem);

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Contains($"error: Kestrel:Certificates:Default:Path: the certificate at '{files.CertificatePem}' has no private key, and a server cannot use it: " +
            "give the key in Kestrel:Certificates:Default:KeyPath, or a .pfx that holds it.", run.OutputLines);
    }

    // The logging library names only the value ("Configuration value 'Verbose' is not supported."), as the start once did.
    [Fact]
    public async Task A_log_level_that_is_not_one_fails_check_naming_the_setting()
    {
        var run = await CheckInProduction("--Logging:LogLevel:Default", "Verbose");

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Equal("error: Logging:LogLevel:Default is 'Verbose', which is not a log level. Use Trace, Debug, Information, Warning, Error, Critical or None.",
            run.Error.Trim());
    }

    // A service started with --urls is checked with the same words; check refused the option as a mistyped command.
    [Fact]
    public async Task Check_takes_the_address_as_the_line_does()
    {
        var run = await CheckInProduction("--urls", "127.0.0.1:5080");

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Contains(run.OutputLines, line => line.StartsWith("error: Urls: '127.0.0.1:5080' is not an address to listen on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_names_every_problem_at_once()
    {
        var run = await CliRun.RunAsync(["check", "--environment", "Production", "--CheckIn:Grace", "0", "--TextLine:SessionTimeout", "abc"]);

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Contains(run.OutputLines, line => line.StartsWith("error: Twilio:AuthToken is required outside Development", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, line => line.StartsWith("error: TextLine:PrivacyKey is required outside Development", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, line => line.StartsWith("error: CheckIn:Grace must be between", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, line => line.StartsWith("error: Failed to convert configuration value 'abc' at 'TextLine:SessionTimeout'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_misspelt_setting_is_a_warning_naming_the_one_it_was_meant_to_be_never_its_value()
    {
        var run = await CheckInProduction("--CheckIn:StaffNumbr", Secret, "--Storage:Provdier", "Redis", "--Twillio:From", Secret);

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.Contains("warning: CheckIn:StaffNumbr is not a setting of the line, so it is ignored: did you mean CheckIn:StaffNumber?", run.OutputLines);
        Assert.Contains("warning: Storage:Provdier is not a setting of the line, so it is ignored: did you mean Storage:Provider?", run.OutputLines);
        Assert.Contains("warning: Twillio:From is not a setting of the line, so it is ignored: there is no section Twillio: did you mean Twilio:From?", run.OutputLines);
        Assert.Contains(run.OutputLines, line => line.StartsWith("Summary: 0 errors, ", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, run.Output + run.Error);
    }

    [Fact]
    public async Task A_duration_written_as_a_bare_number_is_a_warning_saying_what_it_is_read_as()
    {
        var run = await CheckInProduction("--TextLine:SessionTimeout", "30");

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.Contains("warning: TextLine:SessionTimeout is '30', which the line reads as 30 days: write durations as hh:mm:ss or d.hh:mm:ss " +
            "(30.00:00:00 for 30 days, 00:30:00 for 30 minutes).", run.OutputLines);
    }

    // The start warns of these and runs; check said nothing of them.
    [Fact]
    public async Task Check_reports_what_the_start_warns_of_signatures_not_checked_and_a_short_key()
    {
        var run = await CliRun.RunAsync(["check", "--environment", "Production", "--Twilio:RequestValidation:Enabled", "false", "--TextLine:PrivacyKey", "tiny-key1"]);

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.Contains(run.OutputLines, line => line.StartsWith("warning: Twilio request validation is turned off", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, line => line.StartsWith("warning: TextLine:PrivacyKey is short enough to guess (9 characters)", StringComparison.Ordinal));
        Assert.DoesNotContain("tiny-key1", run.Output + run.Error);
    }

    // Twilio refuses a text to the number it is sent from: with the on-call phone set to the line's own number, every
    // alert to it failed, and nothing said so until a texter missed her check-in.
    // Twilio refuses to delete a message that is not final yet (20009): under a minute deletes nothing sooner, after a
    // refused call. A warning, not a refusal: a line that would not start after an upgrade answers no one.
    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:30")]
    public async Task A_deletion_at_the_provider_under_a_minute_is_a_warning(string deleteAfter)
    {
        var soon = await CheckInProduction("--Twilio:DeleteAfter", deleteAfter);
        var minute = await CheckInProduction("--Twilio:DeleteAfter", "00:01:00");

        Assert.True(soon.ExitCode == CliCommand.Ok, soon.ToString());
        Assert.Contains(soon.OutputLines, line => line.StartsWith($"warning: Twilio:DeleteAfter is {deleteAfter}, under a minute: Twilio refuses", StringComparison.Ordinal));
        Assert.DoesNotContain(minute.OutputLines, line => line.StartsWith("warning: Twilio:DeleteAfter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_on_call_phone_set_to_the_line_s_own_number_is_a_warning()
    {
        string[] account = ["--Twilio:AccountSid", "AC0123456789", "--Twilio:From", "+16305550123"];

        var same = await CheckInProduction([.. account, "--CheckIn:StaffNumber", "(630) 555-0123"]);
        var other = await CheckInProduction([.. account, "--CheckIn:StaffNumber", "(630) 555-0124"]);

        Assert.True(same.ExitCode == CliCommand.Ok, same.ToString());
        Assert.Contains("warning: CheckIn:StaffNumber is the line's own number (Twilio:From): Twilio refuses a text to the number it is sent from, " +
            "so the on-call phone would get no alert when a texter misses a check-in or sends her code word. Set it to the on-call phone's own number.", same.OutputLines);
        Assert.DoesNotContain(other.OutputLines, line => line.StartsWith("warning: CheckIn:StaffNumber", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_secret_in_a_refused_setting_is_not_printed()
    {
        var run = await CheckInProduction("--Storage:Provider", "Redis", "--Storage:ConnectionString", $"localhost:6379,password={Secret},colour=blue");

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Contains(run.OutputLines, line => line.StartsWith("error: Storage:ConnectionString is not a Redis connection string", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, run.Output + run.Error);
    }

    /// <summary>
    /// The operator's way: the published program with the production environment's variables. An environment variable
    /// with one underscore (Twilio_AuthToken) is no setting: the token is missing, and check says why.
    /// </summary>
    [Fact]
    public async Task Check_reads_the_environment_as_the_line_does_and_names_a_variable_with_the_wrong_separator()
    {
        var production = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["TextLine__PrivacyKey"] = Secret,
        };

        var wrong = await RunCheckAsync(new(production) { ["Twilio_AuthToken"] = Secret });
        var right = await RunCheckAsync(new(production) { ["Twilio__AuthToken"] = Secret });

        Assert.True(wrong.ExitCode == CliCommand.Failed, wrong.ToString());
        Assert.Contains("Checking the settings in the Production environment", wrong.OutputLines);
        Assert.Contains(wrong.OutputLines, line => line.StartsWith("error: Twilio:AuthToken is required outside Development", StringComparison.Ordinal));
        Assert.Contains(wrong.OutputLines, line => line.StartsWith("warning: Twilio_AuthToken is not a setting of the line", StringComparison.Ordinal)
            && line.EndsWith("did you mean Twilio:AuthToken (environment variable Twilio__AuthToken)?", StringComparison.Ordinal));
        Assert.True(right.ExitCode == CliCommand.Ok, right.ToString());
        Assert.DoesNotContain(Secret, wrong.Output + wrong.Error + right.Output + right.Error);
    }

    private static async Task<CliRun> RunCheckAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WestmontTextLine.dll"));
        start.ArgumentList.Add("check");
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, (await output).ReplaceLineEndings("\n"), await error);
    }
}
