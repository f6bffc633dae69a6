using System.Buffers.Binary;
using WestmontTextLine.Records;

namespace WestmontTextLine.Tests.Records;

/// <summary>
/// What every private-record store must do, run against each one by a subclass: SQLite on a temporary file, Redis
/// on a real redis-server, and the in-memory store. The safety plans, the buddies' consent and the inbox rely on
/// exactly this. Time is the tests' own: expiry follows the caller's clock, never the store's.
/// </summary>
public abstract class PrivateRecordsContract
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 26, 21, 40, 0, TimeSpan.Zero);
    protected const string Kind = "safety-plan";

    protected abstract IPrivateRecords Records { get; }

    /// <summary>The same store as another instance of the line would see it (over its own connection where there is one).</summary>
    protected abstract IPrivateRecords OtherInstance { get; }

    /// <summary>Whether <see cref="IPrivateRecords.PurgeExpiredAsync"/> removes expired records (Redis leaves it to its own expiry).</summary>
    protected virtual bool PurgeRemovesExpired => true;

    /// <summary>A record is what was written: its bytes (compared by value), its version and its expiry (null: none).</summary>
    protected static void AssertRecord(PrivateRecord? record, byte[] payload, long version, DateTimeOffset? expiresAt = null)
    {
        Assert.NotNull(record);
        Assert.Equal(payload, record.Payload);
        Assert.Equal((version, expiresAt), (record.Version, record.ExpiresAt));
    }

    protected static string NewKey() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    // rekey lists every record to move each to the new key.
    [Fact]
    public async Task List_names_every_live_record_once_and_no_expired_one()
    {
        var kind = "list-" + Guid.NewGuid().ToString("N")[..12];
        var keys = Enumerable.Range(0, 3).Select(_ => NewKey()).ToList();
        foreach (var key in keys) Assert.True(await Records.TryPutAsync(kind, key, [1], 0, null, Now));
        Assert.True(await Records.TryPutAsync(kind, NewKey(), [1], 0, Now.AddMinutes(1), Now));

        var listed = new List<string>();
        await foreach (var id in OtherInstance.ListAsync(Now.AddMinutes(1))) if (id.Kind == kind) listed.Add(id.Key);

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    // The keys check at start samples one record of each encrypted kind (StoredKeysCheck).
    [Fact]
    public async Task Any_key_names_a_live_record_of_the_kind_and_none_where_there_is_none_or_it_expired()
    {
        var kind = "any-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Null(await Records.AnyKeyAsync(kind, Now));
        var expiring = NewKey();
        await Records.TryPutAsync(kind, expiring, [1], 0, Now.AddMinutes(1), Now);
        await Records.TryPutAsync(Kind, NewKey(), [1], 0, null, Now);

        Assert.Equal(expiring, await OtherInstance.AnyKeyAsync(kind, Now));
        Assert.Null(await Records.AnyKeyAsync(kind, Now.AddMinutes(1)));

        var live = NewKey();
        await Records.TryPutAsync(kind, live, [2], 0, null, Now);
        Assert.Equal(live, await Records.AnyKeyAsync(kind, Now.AddMinutes(1)));
    }

    [Fact]
    public async Task A_record_is_inserted_only_where_there_is_none_and_starts_at_version_1()
    {
        var key = NewKey();

        Assert.True(await Records.TryPutAsync(Kind, key, [1, 2], 0, Now.AddHours(1), Now));
        Assert.False(await Records.TryPutAsync(Kind, key, [9], 0, null, Now));

        AssertRecord(await Records.GetAsync(Kind, key, Now), [1, 2], 1, Now.AddHours(1));
    }

    [Fact]
    public async Task A_write_naming_the_stored_version_replaces_payload_and_expiry_and_counts_one_version_up()
    {
        var key = NewKey();
        await Records.TryPutAsync(Kind, key, [1], 0, Now.AddHours(1), Now);

        Assert.True(await Records.TryPutAsync(Kind, key, [2, 2], 1, Now.AddDays(30), Now));

        AssertRecord(await Records.GetAsync(Kind, key, Now), [2, 2], 2, Now.AddDays(30));
    }

    [Fact]
    public async Task Each_write_counts_the_version_one_up()
    {
        var key = NewKey();
        for (var version = 0L; version < 5; version++)
        {
            Assert.True(await Records.TryPutAsync(Kind, key, [(byte)version], version, null, Now));
        }

        AssertRecord(await Records.GetAsync(Kind, key, Now), [4], 5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_write_naming_another_version_than_the_stored_one_is_refused_and_changes_nothing(long expectedVersion)
    {
        var key = NewKey();
        await Records.TryPutAsync(Kind, key, [1], 0, null, Now);
        await Records.TryPutAsync(Kind, key, [2], 1, Now.AddHours(1), Now);

        Assert.False(await Records.TryPutAsync(Kind, key, [3], expectedVersion, null, Now));

        AssertRecord(await Records.GetAsync(Kind, key, Now), [2], 2, Now.AddHours(1));
    }

    [Fact]
    public async Task Where_there_is_no_record_only_version_0_writes()
    {
        var key = NewKey();

        Assert.False(await Records.TryPutAsync(Kind, key, [1], 1, null, Now));
        Assert.Null(await Records.GetAsync(Kind, key, Now));
        Assert.True(await Records.TryPutAsync(Kind, key, [1], 0, null, Now));
    }

    [Fact]
    public async Task A_deleted_record_is_gone_and_can_be_written_again_from_version_0()
    {
        var key = NewKey();
        await Records.TryPutAsync(Kind, key, [1], 0, null, Now);
        await Records.TryPutAsync(Kind, key, [2], 1, null, Now);

        Assert.True(await Records.DeleteAsync(Kind, key));

        Assert.Null(await Records.GetAsync(Kind, key, Now));
        Assert.False(await Records.DeleteAsync(Kind, key));
        Assert.False(await Records.TryPutAsync(Kind, key, [3], 2, null, Now));
        Assert.True(await Records.TryPutAsync(Kind, key, [3], 0, null, Now));
        Assert.Equal(1, (await Records.GetAsync(Kind, key, Now))!.Version);
    }

    [Fact]
    public async Task A_record_is_there_until_its_expiry_by_the_callers_clock_and_absent_from_then_on()
    {
        var key = NewKey();
        var expiresAt = Now.AddMinutes(45).AddMilliseconds(123);
        await Records.TryPutAsync(Kind, key, [1], 0, expiresAt, Now);

        var lastMoment = (await Records.GetAsync(Kind, key, expiresAt.AddMilliseconds(-1)))!;
        Assert.Equal(expiresAt, lastMoment.ExpiresAt);
        Assert.Null(await Records.GetAsync(Kind, key, expiresAt));
        Assert.Null(await Records.GetAsync(Kind, key, expiresAt.AddDays(400)));
        Assert.NotNull(await Records.GetAsync(Kind, key, Now));
    }

    [Fact]
    public async Task An_expired_record_counts_as_absent_to_writes_and_is_written_again_from_version_0()
    {
        var key = NewKey();
        await Records.TryPutAsync(Kind, key, [1], 0, Now.AddMinutes(10), Now);
        await Records.TryPutAsync(Kind, key, [2], 1, Now.AddMinutes(10), Now);
        var later = Now.AddMinutes(10);

        Assert.False(await Records.TryPutAsync(Kind, key, [3], 2, Now.AddHours(1), later));
        Assert.True(await Records.TryPutAsync(Kind, key, [4], 0, null, later));

        AssertRecord(await Records.GetAsync(Kind, key, later.AddDays(365)), [4], 1, expiresAt: null);
    }

    [Fact]
    public async Task A_write_can_extend_or_clear_the_expiry()
    {
        var extended = NewKey();
        var cleared = NewKey();
        await Records.TryPutAsync(Kind, extended, [1], 0, Now.AddMinutes(10), Now);
        await Records.TryPutAsync(Kind, cleared, [1], 0, Now.AddMinutes(10), Now);

        Assert.True(await Records.TryPutAsync(Kind, extended, [2], 1, Now.AddDays(30), Now.AddMinutes(9)));
        Assert.True(await Records.TryPutAsync(Kind, cleared, [2], 1, null, Now.AddMinutes(9)));

        Assert.Equal(2, (await Records.GetAsync(Kind, extended, Now.AddDays(30).AddMilliseconds(-1)))!.Version);
        Assert.Null(await Records.GetAsync(Kind, extended, Now.AddDays(30)));
        Assert.Equal(2, (await Records.GetAsync(Kind, cleared, Now.AddYears(5)))!.Version);
    }

    [Fact]
    public async Task A_write_that_would_expire_at_once_is_a_mistake_and_writes_nothing()
    {
        var key = NewKey();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Records.TryPutAsync(Kind, key, [1], 0, Now, Now));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Records.TryPutAsync(Kind, key, [1], 0, Now.AddMinutes(-1), Now));

        Assert.Null(await Records.GetAsync(Kind, key, Now.AddMinutes(-2)));
    }

    [Fact]
    public async Task A_purge_removes_the_expired_records_of_every_kind_and_keeps_the_rest()
    {
        var expired = NewKey();
        var expiredElsewhere = NewKey();
        var live = NewKey();
        var forever = NewKey();
        await Records.TryPutAsync(Kind, expired, [1], 0, Now.AddMinutes(5), Now);
        await Records.TryPutAsync("buddy", expiredElsewhere, [1], 0, Now.AddMinutes(1), Now);
        await Records.TryPutAsync(Kind, live, [2], 0, Now.AddMinutes(20), Now);
        await Records.TryPutAsync(Kind, forever, [3], 0, null, Now);

        var purged = await Records.PurgeExpiredAsync(Now.AddMinutes(5));

        Assert.Equal(PurgeRemovesExpired ? 2 : 0, purged);
        Assert.Equal(!PurgeRemovesExpired, await Records.DeleteAsync(Kind, expired));
        Assert.Equal(!PurgeRemovesExpired, await Records.DeleteAsync("buddy", expiredElsewhere));
        Assert.Equal([2], (await Records.GetAsync(Kind, live, Now.AddMinutes(5)))!.Payload);
        Assert.Equal([3], (await Records.GetAsync(Kind, forever, Now.AddMinutes(5)))!.Payload);
    }

    [Fact]
    public async Task A_payload_round_trips_byte_for_byte()
    {
        byte[] everyByte = [.. Enumerable.Range(0, 256).Select(b => (byte)b), 0, 0, 255, 0];
        var key = NewKey();
        await Records.TryPutAsync(Kind, key, everyByte, 0, null, Now);

        Assert.Equal(everyByte, (await Records.GetAsync(Kind, key, Now))!.Payload);
    }

    [Fact]
    public async Task A_large_payload_round_trips()
    {
        var large = new byte[64 * 1024];
        new Random(15).NextBytes(large);
        var key = NewKey();
        await Records.TryPutAsync(Kind, key, large, 0, null, Now);

        Assert.Equal(large, (await Records.GetAsync(Kind, key, Now))!.Payload);
    }

    [Fact]
    public async Task An_empty_payload_is_kept_as_empty()
    {
        var key = NewKey();
        await Records.TryPutAsync(Kind, key, [], 0, null, Now);

        var record = (await Records.GetAsync(Kind, key, Now))!;
        Assert.Empty(record.Payload);
        Assert.Equal(1, record.Version);
    }

    [Fact]
    public async Task The_store_keeps_its_own_copy_of_a_payload()
    {
        var key = NewKey();
        var buffer = new byte[] { 1, 2, 3 };
        await Records.TryPutAsync(Kind, key, buffer, 0, null, Now);

        buffer[0] = 99;
        (await Records.GetAsync(Kind, key, Now))!.Payload[1] = 99;

        Assert.Equal([1, 2, 3], (await Records.GetAsync(Kind, key, Now))!.Payload);
    }

    [Fact]
    public async Task Kinds_never_see_each_others_records()
    {
        var key = NewKey();
        await Records.TryPutAsync(Kind, key, [1], 0, null, Now);
        await Records.TryPutAsync(Kind, key, [2], 1, null, Now);
        await Records.TryPutAsync("buddy", key, [7], 0, Now.AddMinutes(1), Now);

        Assert.True(await Records.DeleteAsync("buddy", key));

        Assert.Null(await Records.GetAsync("buddy", key, Now));
        AssertRecord(await Records.GetAsync(Kind, key, Now), [2], 2);
        Assert.Null(await Records.GetAsync("inbox", key, Now));
    }

    [Fact]
    public async Task Another_instance_sees_a_write_as_soon_as_it_is_done()
    {
        var key = NewKey();
        await Records.TryPutAsync(Kind, key, [1], 0, null, Now);

        Assert.True(await OtherInstance.TryPutAsync(Kind, key, [2], 1, null, Now));

        AssertRecord(await Records.GetAsync(Kind, key, Now), [2], 2);
        Assert.False(await Records.TryPutAsync(Kind, key, [3], 1, null, Now));
    }

    [Fact]
    public async Task Of_two_instances_writing_over_the_same_version_at_once_exactly_one_wins_every_time()
    {
        var key = NewKey();
        for (var version = 0L; version < 40; version++)
        {
            var expected = version;
            var results = await Task.WhenAll(
                Task.Run(() => Records.TryPutAsync(Kind, key, [1], expected, null, Now)),
                Task.Run(() => OtherInstance.TryPutAsync(Kind, key, [2], expected, null, Now)));

            Assert.Single(results, won => won);
        }

        Assert.Equal(40, (await Records.GetAsync(Kind, key, Now))!.Version);
    }

    [Fact]
    public async Task Two_instances_that_reload_and_retry_on_a_conflict_lose_no_update()
    {
        const int IncrementsEach = 50;
        var key = NewKey();
        await Records.TryPutAsync(Kind, key, Counter(0), 0, null, Now);

        var conflicts = await Task.WhenAll(
            Task.Run(() => IncrementAsync(Records, key, IncrementsEach)),
            Task.Run(() => IncrementAsync(OtherInstance, key, IncrementsEach)));

        var record = (await Records.GetAsync(Kind, key, Now))!;
        Assert.Equal(2 * IncrementsEach, BinaryPrimitives.ReadInt32LittleEndian(record.Payload));
        Assert.Equal(1 + 2 * IncrementsEach, record.Version);
        Assert.All(conflicts, count => Assert.InRange(count, 0, 100 * IncrementsEach));
    }

    // Bounded, so a store whose writes never succeed fails the test instead of hanging it; returns the conflicts.
    private static async Task<int> IncrementAsync(IPrivateRecords records, string key, int times)
    {
        var conflicts = 0;
        for (var done = 0; done < times;)
        {
            var current = (await records.GetAsync(Kind, key, Now))!;
            var next = Counter(BinaryPrimitives.ReadInt32LittleEndian(current.Payload) + 1);
            if (await records.TryPutAsync(Kind, key, next, current.Version, null, Now)) done++;
            else if (++conflicts > 100 * times) throw new InvalidOperationException("a writer kept losing: the store refuses writes it should take");
        }
        return conflicts;
    }

    private static byte[] Counter(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    [Fact]
    public async Task Times_keep_their_milliseconds()
    {
        var key = NewKey();
        var expiresAt = Now.AddMilliseconds(123_456_789);
        await Records.TryPutAsync(Kind, key, [1], 0, expiresAt, Now);

        Assert.Equal(expiresAt, (await Records.GetAsync(Kind, key, Now))!.ExpiresAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Plan")]
    [InlineData("safety:plan")]
    [InlineData("safety plan")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public async Task A_kind_must_be_a_short_plain_name(string kind)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Records.TryPutAsync(kind, NewKey(), [1], 0, null, Now));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Records.GetAsync(kind, NewKey(), Now));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Records.DeleteAsync(kind, NewKey()));
    }

    [Fact]
    public async Task A_write_needs_a_key_a_payload_and_a_version_of_0_or_more()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Records.TryPutAsync(Kind, "", [1], 0, null, Now));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Records.TryPutAsync(Kind, NewKey(), null!, 0, null, Now));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Records.TryPutAsync(Kind, NewKey(), [1], -1, null, Now));
    }
}
