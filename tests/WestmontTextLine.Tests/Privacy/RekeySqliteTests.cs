using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Cli;
using WestmontTextLine.Outbound;
using WestmontTextLine.Privacy;
using WestmontTextLine.Records;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Cli;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Privacy;

/// <summary>
/// Changing the encryption key on SQLite: before, records could not be re-encrypted, so an operator whose key may
/// have leaked chose between keeping it and losing every check-in, contact and conversation. Now
/// TextLine:PreviousEncryptionKey reads the old records and `rekey` moves them to the new key.
/// </summary>
public sealed class RekeySqliteTests : IAsyncDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"textline-rekey-{Guid.NewGuid():N}.db");
    private readonly FakeTwilio.FakeTwilioApi _fake = Outbound.ProviderTextLine.StartFakeAsync().GetAwaiter().GetResult();

    private TextLineFactory Factory(bool keep = true) => new() { DatabasePath = _database, KeepDatabase = keep };

    private Task<CliRun> RekeyAsync(string? previousKey = KeyChangeStory.OldKey, string encryptionKey = KeyChangeStory.NewKey)
    {
        List<string> args =
        [
            "rekey", "--Storage:Provider", "Sqlite", "--Storage:ConnectionString", $"Data Source={_database}",
            "--TextLine:PrivacyKey", KeyChangeStory.OldKey, "--TextLine:EncryptionKey", encryptionKey,
        ];
        if (previousKey is not null) args.AddRange(["--TextLine:PreviousEncryptionKey", previousKey]);
        // The story's records expire by the test clock's day, not today's.
        var clock = new TextLineFactory().Clock;
        clock.Advance(TimeSpan.FromHours(4));
        return CliRun.RunAsync([.. args], services: services => services.AddSingleton<TimeProvider>(clock));
    }

    [Fact]
    public async Task After_rekey_a_check_in_a_contact_a_conversation_a_queued_reply_and_a_second_factor_written_under_the_old_key_work_on_the_new_key_alone()
    {
        var story = await KeyChangeStory.WriteAsync(Factory(), _fake);

        var rekey = await RekeyAsync();

        Assert.True(rekey.ExitCode == CliCommand.Ok, rekey.ToString());
        Assert.Contains("Queued texts: 1 re-encrypted, 0 already under the current key.", rekey.OutputLines);
        Assert.Contains("Staff accounts' second factors: 1 re-encrypted, 0 already under the current key.", rekey.OutputLines);
        Assert.Matches(@"^Records: [1-9][0-9]* re-encrypted, 0 already under the current key\.$", rekey.OutputLines[0]);
        Assert.Contains("Key-check record: written under the current key.", rekey.OutputLines);
        foreach (var secret in KeyChangeStory.Personal) Assert.DoesNotContain(secret, rekey.Output + rekey.Error);
        await AssertAllUnderNewKeyAsync();

        await using var line = await KeyChangeStory.StartOnNewKeyAsync(Factory(keep: false), _fake);
        Assert.DoesNotContain("PreviousEncryptionKey", line.Factory.Logs.All);
        await story.AssertAnsweredAsync(line);
    }

    // A mistyped path: before, rekey made a new, empty database there and said "Done: ... Remove
    // TextLine:PreviousEncryptionKey", while the real one was still under that key.
    [Fact]
    public async Task Rekey_where_there_is_no_database_refuses_and_creates_none()
    {
        var rekey = await RekeyAsync();

        Assert.True(rekey.ExitCode == CliCommand.Failed, rekey.ToString());
        Assert.Equal($"error: there is no database at {_database} (Storage:ConnectionString): rekey rewrites the line's own database, so give " +
            "the path the line uses. Nothing was changed.\n", rekey.Error);
        Assert.Empty(rekey.Output);
        Assert.False(File.Exists(_database), "rekey created the database");
    }

    // Seen after `staff add`: an account with no second factor yet was counted "already under the current key".
    [Fact]
    public async Task Rekey_right_after_staff_add_says_the_account_has_no_second_factor_not_that_it_is_already_current()
    {
        var added = await CliRun.RunAsync(
            ["staff", "add", "ana", "--role", "admin", "--Storage:ConnectionString", $"Data Source={_database}", "--TextLine:PrivacyKey", KeyChangeStory.OldKey],
            "velvet otter lantern\n");
        Assert.True(added.ExitCode == CliCommand.Ok, added.ToString());

        var rekey = await RekeyAsync();

        Assert.True(rekey.ExitCode == CliCommand.Ok, rekey.ToString());
        Assert.Contains("Staff accounts' second factors: 0 re-encrypted, 0 already under the current key, 1 account with none set up.", rekey.OutputLines);
        Assert.Contains("Records: 0 re-encrypted, 0 already under the current key.", rekey.OutputLines);
    }

    [Fact]
    public async Task Rekey_run_twice_finds_nothing_left_to_do_the_second_time()
    {
        await KeyChangeStory.WriteAsync(Factory(), _fake);
        var first = await RekeyAsync();

        var second = await RekeyAsync();

        Assert.True(second.ExitCode == CliCommand.Ok, second.ToString());
        Assert.Matches(@"^Records: 0 re-encrypted, [1-9][0-9]* already under the current key\.$", second.OutputLines[0]);
        Assert.Contains("Queued texts: 0 re-encrypted, 1 already under the current key.", second.OutputLines);
        Assert.Contains("Key-check record: already under the current key.", second.OutputLines);
        Assert.Equal(first.OutputLines[0].Split(' ')[1], second.OutputLines[0].Split(' ')[3]);
    }

    // kill -9 mid-way: each record is written by compare-and-set in one transaction, so it is old or new, and both
    // open while the previous key is set. The key-check record is rewritten last, so the line on the new key alone
    // refuses to start until a run has finished.
    [Fact]
    public async Task A_rekey_stopped_after_some_records_loses_none_and_a_second_run_finishes_it()
    {
        var story = await KeyChangeStory.WriteAsync(Factory(), _fake);
        var before = await ListAsync();

        var stopped = await Assert.ThrowsAsync<InvalidOperationException>(() => RekeyStoppedAfterAsync(3));

        Assert.Equal("stopped after 3", stopped.Message);
        Assert.Equal(before, await ListAsync());
        var changing = new PersonalDataCipher(Encoding.UTF8.GetBytes(KeyChangeStory.NewKey), Encoding.UTF8.GetBytes(KeyChangeStory.OldKey));
        var under = await SealedUnderAsync(changing);
        Assert.Equal(3, under.Count(u => u == SealedUnder.CurrentKey));
        Assert.DoesNotContain(SealedUnder.Neither, under);
        Assert.Equal($"{StoredKeysCheck.EncryptionKeyChanged} {StoredKeysCheck.WhatToDo}", await ProblemOnNewKeyAloneAsync());

        var again = await RekeyAsync();

        Assert.True(again.ExitCode == CliCommand.Ok, again.ToString());
        // The staff account is the one value the list above leaves out.
        Assert.Equal((under.Count + 1 - 3, 3), Totals(again));
        await AssertAllUnderNewKeyAsync();
        await using var line = await KeyChangeStory.StartOnNewKeyAsync(Factory(keep: false), _fake);
        await story.AssertAnsweredAsync(line);
    }

    [Fact]
    public async Task While_the_previous_key_is_set_the_line_reads_the_old_records_and_start_up_says_which_key_the_store_is_under()
    {
        var story = await KeyChangeStory.WriteAsync(Factory(), _fake);
        var factory = Factory();
        factory.Settings["TextLine:PreviousEncryptionKey"] = KeyChangeStory.OldKey;

        await using (var line = await KeyChangeStory.StartOnNewKeyAsync(factory, _fake))
        {
            Assert.Contains(StoredKeysCheck.UnderPreviousKey, line.Factory.Logs.All);
            await story.AssertAnsweredAsync(line);
        }
        await RekeyAsync();

        var after = Factory(keep: false);
        after.Settings["TextLine:PreviousEncryptionKey"] = KeyChangeStory.OldKey;
        await using var rekeyed = await KeyChangeStory.StartOnNewKeyAsync(after, _fake);
        Assert.Contains(StoredKeysCheck.UnderCurrentKey, rekeyed.Factory.Logs.All);
        foreach (var secret in KeyChangeStory.Personal.Append(KeyChangeStory.NewKey)) Assert.DoesNotContain(secret, rekeyed.Factory.Logs.All);
    }

    [Fact]
    public async Task Rekey_without_a_previous_key_or_with_the_wrong_one_changes_nothing()
    {
        await KeyChangeStory.WriteAsync(Factory(), _fake);
        var before = await PayloadsAsync();

        var without = await RekeyAsync(previousKey: null);
        var wrong = await RekeyAsync(previousKey: "not-the-old-key-0123456789");

        Assert.True(without.ExitCode == CliCommand.Failed, without.ToString());
        Assert.Equal($"error: {EncryptionRekey.NoPreviousKey} Nothing was changed.\n", without.Error);
        Assert.True(wrong.ExitCode == CliCommand.Failed, wrong.ToString());
        Assert.Equal($"error: {StoredKeysCheck.NeitherEncryptionKey} {StoredKeysCheck.WhatToDo} Nothing was changed.\n", wrong.Error);
        Assert.Equal(before, await PayloadsAsync());
    }

    [Fact]
    public async Task Rekey_does_not_run_beside_a_running_line()
    {
        using var running = Factory(keep: false);
        running.CreateClient();

        var rekey = await RekeyAsync();

        Assert.True(rekey.ExitCode == CliCommand.Failed, rekey.ToString());
        Assert.Contains("another copy of the line is already running", rekey.Error);
        Assert.Contains("Stop the line, then run rekey.", rekey.Error);
    }

    private async Task<string?> ProblemOnNewKeyAloneAsync()
    {
        await using var store = new SqlitePrivateRecords($"Data Source={_database}");
        return await new StoredKeysCheck(store, new SenderKeys(Encoding.UTF8.GetBytes(KeyChangeStory.OldKey)),
            new PersonalDataCipher(Encoding.UTF8.GetBytes(KeyChangeStory.NewKey)), TimeProvider.System).ProblemAsync();
    }

    private async Task RekeyStoppedAfterAsync(int records)
    {
        await using var writer = new SqliteWriter($"Data Source={_database}");
        await using var store = new SqlitePrivateRecords(writer);
        await using var work = new SqliteScheduledWork(writer);
        var cipher = new PersonalDataCipher(Encoding.UTF8.GetBytes(KeyChangeStory.NewKey), Encoding.UTF8.GetBytes(KeyChangeStory.OldKey));
        var clock = new TextLineFactory().Clock;
        clock.Advance(TimeSpan.FromHours(4));
        var check = new StoredKeysCheck(store, new SenderKeys(Encoding.UTF8.GetBytes(KeyChangeStory.OldKey)), cipher, clock);
        await new EncryptionRekey(store, work, cipher, check, clock).RunAsync(written: count =>
        {
            if (count == records) throw new InvalidOperationException($"stopped after {count}");
        });
    }

    // Re-encrypted and already under the current key, over the three kinds of value rekey counts.
    private static (int ReEncrypted, int Already) Totals(CliRun run)
    {
        var counts = run.OutputLines
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @": (\d+) re-encrypted, (\d+) already under the current key"))
            .Where(match => match.Success)
            .Select(match => (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value)))
            .ToList();
        Assert.Equal(3, counts.Count);
        return (counts.Sum(c => c.Item1), counts.Sum(c => c.Item2));
    }

    private async Task AssertAllUnderNewKeyAsync()
    {
        var under = await SealedUnderAsync(new PersonalDataCipher(Encoding.UTF8.GetBytes(KeyChangeStory.NewKey)));
        Assert.NotEmpty(under);
        Assert.All(under, u => Assert.Equal(SealedUnder.CurrentKey, u));
    }

    // Every record encrypted whole and every queued text: which key opens it.
    private async Task<List<SealedUnder>> SealedUnderAsync(PersonalDataCipher cipher)
    {
        var under = new List<SealedUnder>();
        using var connection = new SqliteConnection($"Data Source={_database}");
        connection.Open();
        using var records = connection.CreateCommand();
        records.CommandText = "SELECT kind, key, payload FROM private_records";
        using (var reader = records.ExecuteReader())
        {
            while (reader.Read())
            {
                var kind = reader.GetString(0);
                if (!EncryptionRekey.WholeRecordKinds.Contains(kind)) continue;
                under.Add(cipher.KeyOf(reader.GetFieldValue<byte[]>(2), $"{kind}:{reader.GetString(1)}"));
            }
        }
        using var work = connection.CreateCommand();
        work.CommandText = $"SELECT id, payload FROM scheduled_work WHERE kind = '{WorkKinds.Send}'";
        using (var reader = work.ExecuteReader())
        {
            while (reader.Read()) under.Add(cipher.KeyOf(reader.GetFieldValue<byte[]>(1), OutboundTexts.Associated(reader.GetString(0))));
        }
        return under;
    }

    private Task<List<string>> ListAsync() => QueryAsync(
        "SELECT kind || ':' || key FROM private_records UNION ALL SELECT 'work:' || kind || ':' || id FROM scheduled_work ORDER BY 1");

    private Task<List<string>> PayloadsAsync() => QueryAsync(
        "SELECT kind || ':' || key || ':' || hex(payload) FROM private_records UNION ALL SELECT kind || ':' || id || ':' || hex(payload) FROM scheduled_work ORDER BY 1");

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) rows.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _fake.DisposeAsync();
        SqliteConnection.ClearAllPools();
        SqliteFiles.Delete(_database);
    }
}
