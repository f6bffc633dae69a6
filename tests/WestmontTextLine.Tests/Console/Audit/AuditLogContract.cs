using WestmontTextLine.Console.Audit;

namespace WestmontTextLine.Tests.Console.Audit;

/// <summary>What every audit log must do: in memory, SQLite on a temporary file and a real redis-server.</summary>
public abstract class AuditLogContract
{
    protected const int SmallCapacity = 5;
    protected static readonly DateTimeOffset Now = new(2026, 11, 26, 21, 40, 0, 123, TimeSpan.Zero);

    /// <summary>A log keeping the default capacity.</summary>
    protected abstract IAuditLog Log { get; }

    /// <summary>The same log as another instance of the line sees it.</summary>
    protected abstract IAuditLog OtherInstance { get; }

    /// <summary>A log of its own keeping only <see cref="SmallCapacity"/> entries.</summary>
    protected abstract IAuditLog SmallLog { get; }

    protected static AuditEntry Entry(int i, string action = AuditActions.StaffAdded) => new(Now.AddSeconds(i), $"actor{i}", action, $"target {i}");

    [Fact]
    public async Task Entries_read_back_newest_first_with_every_field()
    {
        await Log.AppendAsync(Entry(1));
        await Log.AppendAsync(Entry(2, AuditActions.StaffReset));
        await Log.AppendAsync(new AuditEntry(Now.ToOffset(TimeSpan.FromHours(-6)), "ana", AuditActions.StaffRemoved, "bo"));

        var entries = await OtherInstance.ReadAsync(10);

        Assert.Equal([new AuditEntry(Now, "ana", AuditActions.StaffRemoved, "bo"), Entry(2, AuditActions.StaffReset), Entry(1)], entries);
        Assert.Equal(TimeSpan.Zero, entries[0].Time.Offset);
    }

    [Fact]
    public async Task A_read_takes_only_the_newest_it_asks_for()
    {
        for (var i = 1; i <= 4; i++) await Log.AppendAsync(Entry(i));

        Assert.Equal([Entry(4), Entry(3)], await Log.ReadAsync(2));
        Assert.Empty(await Log.ReadAsync(0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.ReadAsync(-1));
    }

    [Fact]
    public async Task An_empty_log_reads_as_nothing()
    {
        Assert.Empty(await Log.ReadAsync(100));
    }

    [Fact]
    public async Task An_entry_with_an_empty_target_is_kept_as_empty()
    {
        await Log.AppendAsync(new AuditEntry(Now, "ana", "signout", ""));

        Assert.Equal("", Assert.Single(await Log.ReadAsync(10)).Target);
    }

    [Fact]
    public async Task Past_its_capacity_the_log_keeps_the_newest_entries()
    {
        for (var i = 1; i <= 8; i++) await SmallLog.AppendAsync(Entry(i));

        Assert.Equal([Entry(8), Entry(7), Entry(6), Entry(5), Entry(4)], await SmallLog.ReadAsync(100));
    }

    [Fact]
    public async Task Entries_appended_at_once_from_two_instances_are_all_kept()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => (i % 2 == 0 ? Log : OtherInstance).AppendAsync(Entry(i)))));

        var entries = await Log.ReadAsync(100);
        Assert.Equal(40, entries.Count);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"actor{i}").Order(), entries.Select(entry => entry.Actor).Order());
    }
}
