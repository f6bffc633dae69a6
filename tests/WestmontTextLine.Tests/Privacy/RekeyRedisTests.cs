using System.Text;
using WestmontTextLine.Cli;
using WestmontTextLine.Outbound;
using WestmontTextLine.Privacy;
using WestmontTextLine.Records;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Cli;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace WestmontTextLine.Tests.Privacy;

/// <summary>Changing the encryption key on Redis, as on SQLite (<see cref="RekeySqliteTests"/>), on a redis-server of the test's own.</summary>
public sealed class RekeyRedisTests : IAsyncDisposable
{
    private readonly RedisServer _redis = RedisServer.Start();
    private readonly FakeTwilio.FakeTwilioApi _fake = Outbound.ProviderTextLine.StartFakeAsync().GetAwaiter().GetResult();

    private static PersonalDataCipher Changing => new(Encoding.UTF8.GetBytes(KeyChangeStory.NewKey), Encoding.UTF8.GetBytes(KeyChangeStory.OldKey));

    private Task<CliRun> RekeyAsync()
    {
        var clock = new TextLineFactory().Clock;
        clock.Advance(TimeSpan.FromHours(4));
        return CliRun.RunAsync(
        [
            "rekey", "--Storage:Provider", "Redis", "--Storage:ConnectionString", _redis.ConnectionString,
            "--TextLine:PrivacyKey", KeyChangeStory.OldKey, "--TextLine:EncryptionKey", KeyChangeStory.NewKey,
            "--TextLine:PreviousEncryptionKey", KeyChangeStory.OldKey,
        ], services: services => services.AddSingleton<TimeProvider>(clock));
    }

    [Fact]
    public async Task After_rekey_everything_written_under_the_old_key_is_read_and_answered_on_the_new_key_alone()
    {
        var story = await KeyChangeStory.WriteAsync(new RedisTextLineFactory(_redis.ConnectionString), _fake);

        var rekey = await RekeyAsync();

        Assert.True(rekey.ExitCode == CliCommand.Ok, rekey.ToString());
        Assert.Contains("Queued texts: 1 re-encrypted, 0 already under the current key.", rekey.OutputLines);
        Assert.Contains("Staff accounts' second factors: 1 re-encrypted, 0 already under the current key.", rekey.OutputLines);
        Assert.Matches(@"^Records: [1-9][0-9]* re-encrypted, 0 already under the current key\.$", rekey.OutputLines[0]);
        foreach (var secret in KeyChangeStory.Personal) Assert.DoesNotContain(secret, rekey.Output + rekey.Error);
        Assert.All(await SealedUnderAsync(new PersonalDataCipher(Encoding.UTF8.GetBytes(KeyChangeStory.NewKey))),
            under => Assert.Equal(SealedUnder.CurrentKey, under));

        await using var line = await KeyChangeStory.StartOnNewKeyAsync(new RedisTextLineFactory(_redis.ConnectionString), _fake);
        await story.AssertAnsweredAsync(line);
    }

    [Fact]
    public async Task A_rekey_stopped_after_some_records_loses_none_and_a_second_run_finishes_it()
    {
        var story = await KeyChangeStory.WriteAsync(new RedisTextLineFactory(_redis.ConnectionString), _fake);
        var before = await SealedUnderAsync(Changing);

        await Assert.ThrowsAsync<InvalidOperationException>(() => RekeyStoppedAfterAsync(2));

        var stopped = await SealedUnderAsync(Changing);
        Assert.Equal(before.Count, stopped.Count);
        // Two values were rewritten; one may be the staff account's second factor, which this count does not read (Redis
        // lists its keys in no fixed order, so whether it came first varies from run to run).
        Assert.InRange(stopped.Count(under => under == SealedUnder.CurrentKey), 1, 2);
        Assert.DoesNotContain(SealedUnder.Neither, stopped);
        var again = await RekeyAsync();
        Assert.True(again.ExitCode == CliCommand.Ok, again.ToString());
        Assert.Contains("Key-check record: written under the current key.", again.OutputLines);

        await using var line = await KeyChangeStory.StartOnNewKeyAsync(new RedisTextLineFactory(_redis.ConnectionString), _fake);
        await story.AssertAnsweredAsync(line);
    }

    [Fact]
    public async Task Rekey_refuses_while_an_instance_of_the_line_runs_on_the_redis_and_changes_nothing()
    {
        await KeyChangeStory.WriteAsync(new RedisTextLineFactory(_redis.ConnectionString), _fake);
        var before = await SealedUnderAsync(Changing);
        // An instance still running on the old key alone: it would no longer read what rekey rewrote.
        await using (var running = new RedisTextLineFactory(_redis.ConnectionString))
        {
            await running.CreateClient().GetAsync("/healthz");

            var refused = await RekeyAsync();

            Assert.True(refused.ExitCode == CliCommand.Failed, refused.ToString());
            Assert.Contains("an instance of the line (or an operator tool) is running on it", refused.Error);
            Assert.Contains("Nothing was changed.", refused.Error);
            Assert.Equal(before, await SealedUnderAsync(Changing));
        }

        // Stopped, it runs.
        var rekey = await RekeyAsync();
        Assert.True(rekey.ExitCode == CliCommand.Ok, rekey.ToString());
    }

    private async Task RekeyStoppedAfterAsync(int values)
    {
        using var connection = RedisConnection.Connect(_redis.ConnectionString);
        var records = new RedisPrivateRecords(connection);
        var clock = new TextLineFactory().Clock;
        clock.Advance(TimeSpan.FromHours(4));
        var check = new StoredKeysCheck(records, new SenderKeys(Encoding.UTF8.GetBytes(KeyChangeStory.OldKey)), Changing, clock);
        await new EncryptionRekey(records, new RedisScheduledWork(connection), Changing, check, clock).RunAsync(written: count =>
        {
            if (count == values) throw new InvalidOperationException($"stopped after {count}");
        });
    }

    // Every record encrypted whole and every queued text, read straight from Redis: which key opens it.
    private async Task<List<SealedUnder>> SealedUnderAsync(PersonalDataCipher cipher)
    {
        using var connection = RedisConnection.Connect(_redis.ConnectionString);
        var database = connection.GetDatabase();
        var keys = new RedisKeys();
        var under = new List<SealedUnder>();
        var server = connection.GetServers().Single();
        await foreach (var key in server.KeysAsync(pattern: keys.PrivateRecords() + "*"))
        {
            var name = ((string)key!)[keys.PrivateRecords().Length..];
            var kind = name[..name.IndexOf(':', StringComparison.Ordinal)];
            if (!EncryptionRekey.WholeRecordKinds.Contains(kind)) continue;
            under.Add(cipher.KeyOf((byte[])(await database.HashGetAsync(key, "payload"))!, name));
        }
        foreach (var entry in await database.HashGetAllAsync(keys.WorkPayloads(WorkKinds.Send)))
        {
            under.Add(cipher.KeyOf((byte[])entry.Value!, OutboundTexts.Associated((string)entry.Name!)));
        }
        Assert.NotEmpty(under);
        return under;
    }

    public async ValueTask DisposeAsync()
    {
        await _fake.DisposeAsync();
        _redis.Dispose();
    }
}
