using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Outbound;
using WestmontTextLine.Records;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// What the on-call phone's, the line's own number's and the filtered safety texts' /healthz lines keep: the last
/// failure, for a day, in the store, so every instance and a restarted line say the same.
/// </summary>
public sealed class FailureInLastDayTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero));

    private FailureInLastDay Failure(IPrivateRecords records) => new(records, "line-side", _clock, NullLogger.Instance);

    [Fact]
    public async Task A_failure_is_new_once_a_day_or_with_another_code_and_is_kept_for_a_day()
    {
        var failure = Failure(new InMemoryPrivateRecords());

        Assert.True(await failure.NoteAsync(30034));
        Assert.False(await failure.NoteAsync(30034));
        Assert.True(await failure.NoteAsync(30032));
        Assert.Equal((30032, _clock.GetUtcNow()), await failure.LastAsync());

        _clock.Advance(FailureInLastDay.Window - TimeSpan.FromSeconds(1));
        Assert.NotNull(await failure.LastAsync());
        Assert.False(await failure.NoteAsync(30032));
        _clock.Advance(FailureInLastDay.Window);
        Assert.Null(await failure.LastAsync());
        Assert.True(await failure.NoteAsync(30032));
    }

    [Fact]
    public async Task A_success_clears_it_so_the_next_failure_is_new()
    {
        var failure = Failure(new InMemoryPrivateRecords());
        await failure.NoteAsync(null);

        await failure.ClearAsync();

        Assert.Null(await failure.LastAsync());
        Assert.True(await failure.NoteAsync(null));
        Assert.Equal((null, _clock.GetUtcNow()), await failure.LastAsync());
    }

    [Fact]
    public async Task Two_instances_on_one_store_see_one_failure_and_one_clear()
    {
        var shared = new InMemoryPrivateRecords();
        var heardIt = Failure(shared);
        var other = Failure(shared);

        Assert.True(await heardIt.NoteAsync(30034));

        Assert.Equal((30034, _clock.GetUtcNow()), await other.LastAsync());
        Assert.False(await other.NoteAsync(30034)); // logged once, by the instance that heard it first
        await other.ClearAsync();
        Assert.Null(await heardIt.LastAsync());
    }

    [Fact]
    public async Task Another_name_is_another_failure()
    {
        var shared = new InMemoryPrivateRecords();
        await Failure(shared).NoteAsync(30034);

        Assert.Null(await new FailureInLastDay(shared, "on-call-phone", _clock, NullLogger.Instance).LastAsync());
    }

    [Fact]
    public async Task A_store_that_does_not_answer_fails_nothing_and_the_failure_counts_as_new()
    {
        var records = new DownableRecords(new InMemoryPrivateRecords());
        var failure = Failure(records);
        Assert.True(await failure.NoteAsync(30034));
        records.Down = true;

        Assert.True(await failure.NoteAsync(30034)); // logged again rather than not at all
        Assert.Null(await failure.LastAsync());
        await failure.ClearAsync();

        records.Down = false;
        Assert.Equal(30034, (await failure.LastAsync())?.Code);
    }
}
