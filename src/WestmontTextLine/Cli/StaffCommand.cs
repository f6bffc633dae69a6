using System.Globalization;
using Microsoft.AspNetCore.Identity;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using Microsoft.Extensions.Options;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Cli;

/// <summary>
/// `staff add NAME --role admin|staff`, `staff list`, `staff remove NAME`, `staff reset NAME`: the console's accounts,
/// on the line's own store. Passwords come from standard input (<see cref="PasswordInput"/>) and never appear in the
/// output. Every change is audited with the actor "cli". There is no default account: the first admin is made here.
/// </summary>
public static class StaffCommand
{
    private const string Verb = "staff";

    public static async Task<int> RunAsync(IServiceProvider services, CliArguments arguments, CliConsole console)
    {
        var (action, name) = Parse(arguments);
        // Only `add` creates the database (for the first account, before the line's first start): `list`, `remove` and
        // `reset` on a path with no file create nothing there, neither a database nor the Development privacy key.
        // The settings are checked first, as the store would (a missing privacy key is named whatever the store holds).
        if (action == "add") _ = services.GetRequiredService<IOptions<SenderOptions>>().Value;
        else SenderOptionsLookOnly.Check(services);
        if (action != "add" && AbsentSqliteDatabase.PathIn(services) is { } absent)
        {
            if (action == "list") return await NoAccountsYetAsync(console, $" (there is no database at {absent} yet; none was created)");
            await console.Error.WriteLineAsync(
                $"error: There is no staff account '{name}'. `staff list` shows the accounts. There is no database at {absent} " +
                "(Storage:ConnectionString); none was created.");
            return CliCommand.Failed;
        }
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var users = scope.ServiceProvider.GetRequiredService<StaffUserManager>();
        return action switch
        {
            "add" => await AddAsync(accounts, users, name!, arguments.Option("role")!, console),
            "list" => await ListAsync(accounts, console),
            "remove" => await RemoveAsync(accounts, name!, console),
            _ => await ResetAsync(accounts, users, name!, console),
        };
    }

    private static (string Action, string? Name) Parse(CliArguments arguments)
    {
        var (action, name) = arguments.Positionals switch
        {
            [var only] => (only, null),
            [var first, var second] => (first, second),
            _ => throw new CliUsageException($"'{Verb}' needs what to do: add NAME --role admin|staff, list, remove NAME or reset NAME"),
        };
        var role = arguments.Option("role");
        switch (action)
        {
            case "list" when name is not null:
                throw new CliUsageException($"'{Verb} list' takes no name");
            case "add" or "remove" or "reset" when name is null:
                throw new CliUsageException($"'{Verb} {action}' needs the account's name: {Verb} {action} NAME");
            case "add" when role is null:
                throw new CliUsageException($"'{Verb} add' needs a role: --role {string.Join("|", StaffRoles.All)}");
            case "add" when !StaffRoles.IsKnown(role):
                throw new CliUsageException($"--role is {string.Join(" or ", StaffRoles.All)}, not '{role}'");
            case "list" or "remove" or "reset" when role is not null:
                throw new CliUsageException($"'{Verb} {action}' has no option --role");
            case "add" or "list" or "remove" or "reset":
                return (action, name);
            default:
                throw new CliUsageException($"'{Verb}' can add, list, remove or reset, not '{action}'");
        }
    }

    private static async Task<int> AddAsync(StaffAccounts accounts, StaffUserManager users, string name, string role, CliConsole console)
    {
        if (await users.FindByNameAsync(name) is not null)
        {
            return await FailAsync(console, $"there is already a staff account '{name}'. To give it a new password: {Verb} reset {name}");
        }
        if (await ReadPasswordAsync(console, name) is not { } password) return CliCommand.Failed;
        var added = await accounts.AddAsync(name, role, password, AuditActions.CommandLine);
        if (!added.Succeeded) return await RefusedAsync(console, added);
        await console.Output.WriteLineAsync($"Added {name} ({role}). At the first sign-in to the console, {name} sets up a second factor (an authenticator app).");
        return CliCommand.Ok;
    }

    private static async Task<int> ListAsync(StaffAccounts accounts, CliConsole console)
    {
        var list = await accounts.ListAsync();
        if (list.Count == 0) return await NoAccountsYetAsync(console, "");
        string[] header = ["NAME", "ROLE", "SECOND FACTOR", "LOCKED", "LAST SIGN-IN"];
        var rows = list.Select(account => new[]
        {
            account.UserName,
            account.Role,
            account.SecondFactor ? "set" : "not set",
            account.LockedUntil is { } until ? $"until {until.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" : "no",
            account.LastSignedIn is { } signedIn ? signedIn.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "never",
        }).ToList();
        var widths = header.Select((title, column) => rows.Select(row => row[column].Length).Append(title.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            await console.Output.WriteLineAsync(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }
        return CliCommand.Ok;
    }

    private static async Task<int> NoAccountsYetAsync(CliConsole console, string why)
    {
        await console.Output.WriteLineAsync($"No staff accounts yet{why}. Add the first administrator (it asks for the password), from the repo:");
        await console.Output.WriteLineAsync($"  dotnet run --project src/WestmontTextLine -- {Verb} add NAME --role {StaffRoles.Admin}");
        await console.Output.WriteLineAsync("or, where the line runs published, from its folder with the line's environment:");
        await console.Output.WriteLineAsync($"  dotnet WestmontTextLine.dll {Verb} add NAME --role {StaffRoles.Admin}");
        return CliCommand.Ok;
    }

    private static async Task<int> RemoveAsync(StaffAccounts accounts, string name, CliConsole console)
    {
        var removed = await accounts.RemoveAsync(name, AuditActions.CommandLine);
        if (!removed.Succeeded) return await RefusedAsync(console, removed);
        await console.Output.WriteLineAsync($"Removed {name}: the account can no longer sign in, and its console sessions are signed out.");
        return CliCommand.Ok;
    }

    private static async Task<int> ResetAsync(StaffAccounts accounts, StaffUserManager users, string name, CliConsole console)
    {
        if (await users.FindByNameAsync(name) is null) return await RefusedAsync(console, IdentityResult.Failed(StaffAccounts.Unknown(name)));
        if (await ReadPasswordAsync(console, name) is not { } password) return CliCommand.Failed;
        var reset = await accounts.ResetAsync(name, password, AuditActions.CommandLine);
        if (!reset.Succeeded) return await RefusedAsync(console, reset);
        await console.Output.WriteLineAsync(
            $"Reset {name}: a new password, and the second factor is cleared, so {name} sets one up again at the next sign-in. " +
            $"Any lockout is lifted and {name}'s console sessions are signed out.");
        return CliCommand.Ok;
    }

    /// <summary>The first line of a pipe; on a terminal, typed twice without echo. Null (after saying why) when there is none.</summary>
    private static async Task<string?> ReadPasswordAsync(CliConsole console, string name)
    {
        var password = await PasswordInput.ReadAsync(console, $"New password for {name} (12 characters or more): ");
        if (password is null)
        {
            await FailAsync(console, "no password: give it as the first line of standard input, or run the command in a terminal to type it");
            return null;
        }
        if (!console.InputIsTerminal) return password;
        if (await PasswordInput.ReadAsync(console, "The same password again: ") == password) return password;
        await FailAsync(console, "the two passwords differ; nothing was changed. Run the command again.");
        return null;
    }

    private static async Task<int> RefusedAsync(CliConsole console, IdentityResult result)
    {
        var errors = result.Errors.ToList();
        if (errors.Any(error => error.Code.StartsWith("Password", StringComparison.Ordinal)))
        {
            await console.Error.WriteLineAsync("error: the password was refused; nothing was changed:");
            foreach (var error in errors) await console.Error.WriteLineAsync($"  - {error.Description}");
            return CliCommand.Failed;
        }
        var hint = errors.Any(error => error.Code == StaffAccounts.Unknown("").Code) ? $" `{Verb} list` shows the accounts." : "";
        return await FailAsync(console, string.Join(" ", errors.Select(error => error.Description)) + hint);
    }

    private static async Task<int> FailAsync(CliConsole console, string message)
    {
        await console.Error.WriteLineAsync($"error: {message}");
        return CliCommand.Failed;
    }
}
