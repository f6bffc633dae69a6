namespace WestmontTextLine.Hosting;

/// <summary>
/// Once a burst of texts is over, gives back the memory it left: the line checks every <see cref="CheckEvery"/> how much
/// it allocated, and at the first quiet check after a busy one runs <see cref="MemoryGiveBack"/> (a host shared with other
/// services gets that memory back; a line left with it keeps it until its next burst). A line that stays busy, or
/// that answers a text now and then, never pays for it.
/// </summary>
public sealed class IdleMemoryReturn(TimeProvider time, ILogger<IdleMemoryReturn> logger) : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    /// <summary>Allocated in one check's interval, at or above this the line is busy: about a thousand texts.</summary>
    public const long BusyBytes = 16L * 1024 * 1024;

    /// <summary>Where the total allocated is read from (tests give their own).</summary>
    internal Func<long> TotalAllocated { get; init; } = () => GC.GetTotalAllocatedBytes();

    /// <summary>What gives the memory back (tests count it).</summary>
    internal Action GiveBack { get; init; } = MemoryGiveBack.Now;

    /// <summary>Completed checks, so tests can wait for one without sleeping.</summary>
    public int Checks => Volatile.Read(ref _checks);
    private int _checks;

    private readonly QuietAfterBurst _bursts = new(BusyBytes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken)) CheckOnce();
    }

    /// <summary>One check: gives the memory back if a burst has just ended.</summary>
    internal void CheckOnce()
    {
        if (_bursts.Observe(TotalAllocated()))
        {
            var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
            GiveBack();
            logger.LogDebug("A burst is over: the GC commits {After} MB, {Before} MB before.",
                GC.GetGCMemoryInfo().TotalCommittedBytes >> 20, before >> 20);
        }
        Interlocked.Increment(ref _checks);
    }
}
