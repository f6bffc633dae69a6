using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Cli;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Privacy;
using WestmontTextLine.Records;
using WestmontTextLine.Tests.Cli;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Console.Accounts;

/// <summary>
/// `staff add | list | remove | reset` through the same entry point as `dotnet run -- staff ...`, on a SQLite file of
/// their own; what they stored is then read back with the store and the audit log directly.
/// </summary>
public sealed class StaffCommandTests : IDisposable
{
    private const string PrivacyKey = "staff-command-test-privacy-key";
    private const string Password = "velvet otter lantern";
    private const string NewPassword = "quiet garden gate";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"staff-cli-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task With_no_accounts_list_says_how_to_add_the_first_administrator()
    {
        var run = await StaffAsync("", "list");

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.Contains("No staff accounts yet", run.Output);
        Assert.Contains("staff add NAME --role admin", run.Output);
    }

    // Where there is no database (before the line's first start, or a mistyped path), only `add` creates one: list,
    // remove and reset made an empty database there, owned by whoever ran them.
    [Fact]
    public async Task List_remove_and_reset_where_there_is_no_database_create_none()
    {
        var list = await StaffAsync("", "list");
        var remove = await StaffAsync("", "remove", "ana");
        var reset = await StaffAsync($"{NewPassword}\n", "reset", "ana");

        Assert.True(list.ExitCode == CliCommand.Ok, list.ToString());
        Assert.StartsWith($"No staff accounts yet (there is no database at {_database} yet; none was created). Add the first administrator", list.Output);
        foreach (var run in new[] { remove, reset })
        {
            Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
            Assert.Equal($"error: There is no staff account 'ana'. `staff list` shows the accounts. There is no database at {_database} " +
                "(Storage:ConnectionString); none was created.\n", run.Error);
        }
        Assert.False(File.Exists(_database), "a staff command other than add created the database");
    }

    // In Development with no TextLine:PrivacyKey, the settings check before the look for a database created
    // data/privacy.key, as the line's first start does: the command said "none was created" and left the key behind.
    [Fact]
    public async Task List_remove_and_reset_in_development_where_there_is_no_database_create_no_privacy_key_either()
    {
        using var root = new ToolRoot();

        foreach (var args in new[] { new[] { "list" }, ["remove", "ana"], ["reset", "ana"] })
        {
            var run = await CliRun.RunAsync(["staff", .. args, "--environment", "Development"], $"{NewPassword}\n", contentRoot: root.Path);
            Assert.True(run.ExitCode == (args[0] == "list" ? CliCommand.Ok : CliCommand.Failed), run.ToString());
            Assert.Contains("none was created", run.Output + run.Error);
        }
        Assert.False(File.Exists(root.PrivacyKeyFile), "a staff command that found no database created the privacy key");
        Assert.False(Directory.Exists(root.DataFolder), "a staff command that found no database created the data folder");
    }

    [Fact]
    public async Task With_no_accounts_list_also_says_how_to_add_one_where_the_line_runs_published()
    {
        // A published line has no project to `dotnet run`: its operator runs the tool from the publish folder.
        var run = await StaffAsync("", "list");

        Assert.Contains("dotnet run --project src/WestmontTextLine -- staff add NAME --role admin", run.Output);
        Assert.Contains("dotnet WestmontTextLine.dll staff add NAME --role admin", run.Output);
    }

    [Fact]
    public async Task Add_takes_the_password_from_the_first_line_of_standard_input_and_audits_the_change()
    {
        var run = await StaffAsync($"{Password}\nanything after it\n", "add", "ana", "--role", "admin");

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.Contains("Added ana (admin).", run.Output);
        Assert.Contains("sets up a second factor", run.Output);
        AssertNoSecret(run, Password);
        var stored = (await StoredAsync("ana"))!;
        Assert.Equal(StaffRoles.Admin, stored.Role);
        Assert.True(Checks(stored, Password));
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal((AuditActions.CommandLine, AuditActions.StaffAdded, "ana (admin)"), (entry.Actor, entry.Action, entry.Target));
    }

    [Theory]
    [InlineData("password1234", "30,000 most common")]
    [InlineData("short", "at least 12 characters")]
    [InlineData("my name is ana", "contains the account's name")]
    public async Task A_weak_password_is_refused_with_exit_1_and_the_reason_and_nothing_is_stored(string password, string reason)
    {
        var run = await StaffAsync($"{password}\n", "add", "ana", "--role", "staff");

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Contains("the password was refused; nothing was changed", run.Error);
        Assert.Contains(reason, run.Error);
        AssertNoSecret(run, password);
        Assert.Null(await StoredAsync("ana"));
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task Without_a_line_on_standard_input_add_says_where_the_password_comes_from()
    {
        var run = await StaffAsync("", "add", "ana", "--role", "staff");

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Contains("no password: give it as the first line of standard input", run.Error);
        Assert.Null(await StoredAsync("ana"));
    }

    [Fact]
    public async Task On_a_terminal_add_asks_for_the_password_twice_and_shows_it_nowhere()
    {
        var run = await StaffAsync($"{Password}\n{Password}\n", terminal: true, "add", "ana", "--role", "admin");

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.Contains("New password for ana (12 characters or more): ", run.Output);
        Assert.Contains("The same password again: ", run.Output);
        AssertNoSecret(run, Password);
        Assert.True(Checks((await StoredAsync("ana"))!, Password));
    }

    [Fact]
    public async Task On_a_terminal_two_different_passwords_change_nothing()
    {
        var run = await StaffAsync($"{Password}\n{Password}x\n", terminal: true, "add", "ana", "--role", "admin");

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Contains("the two passwords differ; nothing was changed", run.Error);
        Assert.Null(await StoredAsync("ana"));
    }

    [Fact]
    public async Task Adding_a_name_that_is_taken_in_any_case_fails_before_asking_for_a_password()
    {
        await StaffAsync($"{Password}\n", "add", "ana", "--role", "admin");

        var run = await StaffAsync($"{NewPassword}\n", "add", "ANA", "--role", "staff");

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Contains("there is already a staff account 'ANA'", run.Error);
        Assert.Contains("staff reset ANA", run.Error);
        Assert.True(Checks((await StoredAsync("ana"))!, Password));
    }

    [Fact]
    public async Task List_shows_each_account_with_its_role_second_factor_and_lockout_and_no_secret()
    {
        await StaffAsync($"{Password}\n", "add", "bo", "--role", "staff");
        await StaffAsync($"{Password}\n", "add", "ana", "--role", "admin");
        var key = await EnrolAsync("bo");
        await SignedInAsync("bo", new DateTimeOffset(2026, 3, 14, 9, 26, 0, TimeSpan.Zero));
        await LockAsync("ana");

        var run = await StaffAsync("", "list");

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        var lines = run.OutputLines.Where(line => line.Length > 0).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Matches(@"^NAME +ROLE +SECOND FACTOR +LOCKED +LAST SIGN-IN$", lines[0]);
        Assert.Matches(@"^ana +admin +not set +until \d{4}-\d\d-\d\d \d\d:\d\d UTC +never$", lines[1]);
        Assert.Matches(@"^bo +staff +set +no +2026-03-14 09:26 UTC$", lines[2]);
        Assert.DoesNotContain(key, run.Output);
        Assert.DoesNotContain((await StoredAsync("ana"))!.State.PasswordHash!, run.Output);
    }

    [Fact]
    public async Task Reset_gives_a_new_password_clears_the_second_factor_and_says_so()
    {
        await StaffAsync($"{Password}\n", "add", "ana", "--role", "admin");
        await EnrolAsync("ana");
        await LockAsync("ana");

        var run = await StaffAsync($"{NewPassword}\n", "reset", "ana");

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.Contains("the second factor is cleared, so ana sets one up again at the next sign-in", run.Output);
        AssertNoSecret(run, NewPassword);
        var stored = (await StoredAsync("ana"))!;
        Assert.True(Checks(stored, NewPassword));
        Assert.False(Checks(stored, Password));
        Assert.False(stored.TwoFactorEnabled);
        Assert.Null(stored.State.SealedAuthenticatorKey);
        Assert.Null(stored.LockoutEnd);
        Assert.Contains((await StaffAsync("", "list")).OutputLines, line => System.Text.RegularExpressions.Regex.IsMatch(line, "^ana +admin +not set +no +never$"));
        Assert.Equal([AuditActions.StaffReset, AuditActions.StaffAdded], (await AuditAsync()).Select(entry => entry.Action));
    }

    [Fact]
    public async Task Reset_with_a_weak_password_changes_nothing()
    {
        await StaffAsync($"{Password}\n", "add", "ana", "--role", "admin");
        await EnrolAsync("ana");

        var run = await StaffAsync("password1234\n", "reset", "ana");

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        var stored = (await StoredAsync("ana"))!;
        Assert.True(Checks(stored, Password));
        Assert.True(stored.TwoFactorEnabled);
    }

    [Fact]
    public async Task Remove_deletes_the_account_and_is_audited()
    {
        await StaffAsync($"{Password}\n", "add", "ana", "--role", "admin");
        await StaffAsync($"{Password}\n", "add", "bo", "--role", "staff");

        var run = await StaffAsync("", "remove", "bo");

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.Contains("Removed bo", run.Output);
        Assert.Null(await StoredAsync("bo"));
        Assert.DoesNotContain((await StaffAsync("", "list")).OutputLines, line => line.StartsWith("bo ", StringComparison.Ordinal));
        var entry = (await AuditAsync())[0];
        Assert.Equal((AuditActions.CommandLine, AuditActions.StaffRemoved, "bo"), (entry.Actor, entry.Action, entry.Target));
    }

    [Fact]
    public async Task Remove_refuses_the_last_administrator_and_says_how_to_add_another()
    {
        await StaffAsync($"{Password}\n", "add", "ana", "--role", "admin");

        var run = await StaffAsync("", "remove", "ana");

        Assert.Equal(CliCommand.Failed, run.ExitCode);
        Assert.Contains("ana is the last administrator", run.Error);
        Assert.Contains("staff add NAME --role admin", run.Error);
        Assert.NotNull(await StoredAsync("ana"));
        await StaffAsync($"{Password}\n", "add", "cy", "--role", "admin");
        Assert.Equal(CliCommand.Ok, (await StaffAsync("", "remove", "ana")).ExitCode);
    }

    [Theory]
    [InlineData("remove")]
    [InlineData("reset")]
    public async Task An_unknown_account_exits_1_and_says_how_to_see_the_accounts(string action)
    {
        var run = await StaffAsync($"{NewPassword}\n", action, "cy");

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Contains("There is no staff account 'cy'. `staff list` shows the accounts.", run.Error);
        Assert.Empty(await AuditAsync());
    }

    [Theory]
    [InlineData("what to do")]
    [InlineData("can add, list, remove or reset, not 'frob'", "frob")]
    [InlineData("needs a role", "add", "ana")]
    [InlineData("--role is admin or staff, not 'boss'", "add", "ana", "--role", "boss")]
    [InlineData("needs the account's name", "remove")]
    [InlineData("needs the account's name", "reset")]
    [InlineData("takes no name", "list", "ana")]
    [InlineData("has no option --role", "remove", "ana", "--role", "admin")]
    [InlineData("unexpected 'extra'", "add", "ana", "extra", "--role", "admin")]
    public async Task A_mistyped_command_exits_2_and_says_what_is_wrong(string message, params string[] args)
    {
        var run = await StaffAsync($"{Password}\n", args);

        Assert.True(run.ExitCode == CliCommand.UsageError, run.ToString());
        Assert.Contains(message, run.Error);
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task Outside_development_without_a_privacy_key_the_command_says_which_setting_to_give()
    {
        var run = await CliRun.RunAsync(
            ["staff", "list", "--environment", "Production", "--Storage:ConnectionString", $"Data Source={_database}"]);

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.StartsWith("error: TextLine:PrivacyKey is required outside Development", run.Error);
    }

    private Task<CliRun> StaffAsync(string input, params string[] args) => StaffAsync(input, terminal: false, args);

    private Task<CliRun> StaffAsync(string input, bool terminal, params string[] args) => CliRun.RunAsync(
        ["staff", .. args, "--Storage:ConnectionString", $"Data Source={_database}", "--TextLine:PrivacyKey", PrivacyKey], input, terminal);

    private static void AssertNoSecret(CliRun run, string password)
    {
        Assert.DoesNotContain(password, run.Output);
        Assert.DoesNotContain(password, run.Error);
    }

    private static bool Checks(StaffUser user, string password) =>
        new PasswordHasher<StaffUser>().VerifyHashedPassword(user, user.State.PasswordHash!, password) != PasswordVerificationResult.Failed;

    private static PersonalDataCipher Cipher => new(Encoding.UTF8.GetBytes(PrivacyKey));

    private async Task<StaffUser?> StoredAsync(string name)
    {
        await using var records = new SqlitePrivateRecords($"Data Source={_database}");
        return await new StaffUserStore(records, Cipher, new UpperInvariantLookupNormalizer(), TimeProvider.System)
            .FindByNameAsync(name.ToUpperInvariant(), default);
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync()
    {
        await using var audit = new SqliteAuditLog($"Data Source={_database}");
        return await audit.ReadAsync(100);
    }

    /// <summary>What the console's enrolment does, on the same file: returns the authenticator key.</summary>
    private async Task<string> EnrolAsync(string name)
    {
        await using var records = new SqlitePrivateRecords($"Data Source={_database}");
        await using var services = StaffServices.Build(new FakeTimeProvider(DateTimeOffset.UtcNow), records, cipher: Cipher);
        var users = services.Users();
        var user = (await users.FindByNameAsync(name))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private async Task SignedInAsync(string name, DateTimeOffset at)
    {
        await using var records = new SqlitePrivateRecords($"Data Source={_database}");
        await using var services = StaffServices.Build(new FakeTimeProvider(at), records, cipher: Cipher);
        var users = services.Users();
        Assert.True((await users.SignedInAsync((await users.FindByNameAsync(name))!)).Succeeded);
    }

    private async Task LockAsync(string name)
    {
        await using var records = new SqlitePrivateRecords($"Data Source={_database}");
        await using var services = StaffServices.Build(new FakeTimeProvider(DateTimeOffset.UtcNow), records, cipher: Cipher);
        var users = services.Users();
        var user = (await users.FindByNameAsync(name))!;
        for (var attempt = 0; attempt < 5; attempt++) await users.AccessFailedAsync(user);
        Assert.True(await users.IsLockedOutAsync(user));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        SqliteFiles.Delete(_database);
    }
}
