using Microsoft.Extensions.Options;
using WestmontTextLine.Privacy;
using WestmontTextLine.Records;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Cli;

/// <summary>
/// `rekey`: with the line stopped and the line's own settings, moves every encrypted value from
/// TextLine:PreviousEncryptionKey to the current encryption key (<see cref="EncryptionRekey"/>) and prints what it
/// did in counts, never a number or a body. On SQLite it takes the database's lock as the line does, so it does not
/// run beside a running line. On Redis it refuses while any connection of the line is open to it
/// (<see cref="RedisLineClients"/>): before, it ran beside them, and an instance running on the old key alone could no
/// longer open what it rewrote, as with a wrong key (README, "Keys").
/// </summary>
public static class RekeyCommand
{
    /// <param name="written">Called after each value rewritten (tests stop the run there).</param>
    public static async Task<int> RunAsync(IServiceProvider services, CliConsole console, Action<int>? written = null,
        CancellationToken cancellationToken = default)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        // A mistyped path must not get a new, empty database and "Done: ... Remove TextLine:PreviousEncryptionKey": the
        // real database would be left under the old key, which the operator would then be told to remove.
        if (AbsentSqliteDatabase.PathIn(services) is { } absent)
        {
            await console.Error.WriteLineAsync(
                $"error: there is no database at {absent} (Storage:ConnectionString): rekey rewrites the line's own database, so give " +
                "the path the line uses. Nothing was changed.");
            return CliCommand.Failed;
        }
        try
        {
            if (storage.Is(StorageOptions.Sqlite)) services.GetRequiredService<SqliteSingleLine>();
        }
        catch (StorageUnavailableException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message} Stop the line, then run rekey.");
            return CliCommand.Failed;
        }
        // Before this command's own connection to Redis is made, so that only other processes' are counted.
        if (storage.Is(StorageOptions.Redis) && !await NoLineOnRedisAsync(storage.ConnectionString, console, cancellationToken)) return CliCommand.Failed;

        var rekey = new EncryptionRekey(
            services.GetRequiredService<IPrivateRecords>(), services.GetRequiredService<IScheduledWork>(),
            services.GetRequiredService<PersonalDataCipher>(), ActivatorUtilities.CreateInstance<StoredKeysCheck>(services),
            services.GetRequiredService<TimeProvider>());
        RekeyResult result;
        try
        {
            result = await rekey.RunAsync(written, cancellationToken);
        }
        catch (RekeyRefusedException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message} Nothing was changed.");
            return CliCommand.Failed;
        }

        var output = console.Output;
        await output.WriteLineAsync($"Records: {Counts(result.Records)}.");
        await output.WriteLineAsync($"Staff accounts' second factors: {Counts(result.StaffAccounts)}" +
            (result.StaffAccounts.NothingSealed > 0 ? $", {Accounts(result.StaffAccounts.NothingSealed)} with none set up." : "."));
        await output.WriteLineAsync($"Queued texts: {Counts(result.QueuedTexts)}.");
        await output.WriteLineAsync($"Records with nothing encrypted in them, left as they are: {result.NotEncrypted}.");
        if (result.Unreadable > 0)
        {
            await console.Error.WriteLineAsync(
                $"error: {result.Unreadable} opened under neither key and were left as they are, and so was the key-check record: " +
                "the line still needs TextLine:PreviousEncryptionKey. They were written under a third key: run rekey again with " +
                "that one as TextLine:PreviousEncryptionKey, or delete them (README, \"Upgrading, going back, and keys\").");
            return CliCommand.Failed;
        }
        await output.WriteLineAsync(result.KeyCheckRewritten
            ? "Key-check record: written under the current key."
            : "Key-check record: already under the current key.");
        await output.WriteLineAsync("Done: everything encrypted is under the current key. Remove TextLine:PreviousEncryptionKey, then start the line.");
        return CliCommand.Ok;
    }

    private static async Task<bool> NoLineOnRedisAsync(string? connectionString, CliConsole console, CancellationToken cancellationToken)
    {
        switch (await RedisLineClients.CountAsync(connectionString, cancellationToken))
        {
            case null:
                await console.Error.WriteLineAsync(
                    "warning: this Redis does not allow CLIENT LIST, so rekey cannot tell whether the line still runs on it: " +
                    "make sure every instance is stopped.");
                return true;
            case 0:
                return true;
            case var open:
                await console.Error.WriteLineAsync(
                    $"error: {open} connections of the line ({RedisConnection.ClientName}) are open to this Redis: an instance of the line " +
                    "(or an operator tool) is running on it. An instance without the new key could not read what rekey rewrites. Stop " +
                    "every instance, then run rekey. Nothing was changed.");
                return false;
        }
    }

    private static string Accounts(int count) => count == 1 ? "1 account" : $"{count} accounts";

    private static string Counts(RekeyTally tally) =>
        $"{tally.ReEncrypted} re-encrypted, {tally.AlreadyCurrent} already under the current key" +
        (tally.Unreadable > 0 ? $", {tally.Unreadable} under neither key" : "");
}
