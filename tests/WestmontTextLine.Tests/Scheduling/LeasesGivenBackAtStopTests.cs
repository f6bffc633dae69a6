using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Scheduling;

/// <summary>
/// The test host stops the line twice at once (its own dispose, and the program's Run), and the Run disposes the host
/// as soon as its stop returns. Each stop gave back what the other had not taken yet, and the first back let the
/// dispose cut off the other's: CleanStopLeasesTests failed once in CI so, its text in flight waiting out its lease.
/// </summary>
public sealed class LeasesGivenBackAtStopTests
{
    [Fact]
    public async Task A_stop_asked_twice_gives_back_once_and_neither_returns_before_the_leases_are_back()
    {
        var work = new GivingBackUntilReleased();
        using var services = new ServiceCollection().AddSingleton<IScheduledWork>(work).BuildServiceProvider();
        var stopper = new LeasesGivenBackAtStop(services, Options.Create(new StorageOptions { Provider = StorageOptions.Redis }),
            TimeProvider.System, NullLogger<LeasesGivenBackAtStop>.Instance);

        var first = stopper.StopAsync(CancellationToken.None);
        var second = stopper.StopAsync(CancellationToken.None);
        Assert.False(first.IsCompleted);
        // Returned now, the host would be disposed with the first stop's give-back still on the way to Redis.
        Assert.False(second.IsCompleted);

        work.Release();
        await Task.WhenAll(first, second);
        Assert.Equal(1, work.Calls);
    }

    /// <summary>The first give-back waits until the test releases it; any later one finds nothing left, as Redis's does.</summary>
    private sealed class GivingBackUntilReleased() : ForwardingScheduledWork(new InMemoryScheduledWork()), IScheduledWork
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void Release() => _released.SetResult();

        public async Task<int> GiveBackLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) > 1) return 0;
            await _released.Task.WaitAsync(cancellationToken);
            return 2;
        }
    }
}
