namespace WestmontTextLine.Hosting;

/// <summary>
/// A service's stop that runs once however often the host asks, every caller waiting for that one. The test host stops
/// the line twice at once (from its dispose and from the program's own Run); whichever stop returned first went on to
/// dispose the host, Redis connection and all, under the other's unfinished work: leases not given back, usage counts
/// not written.
/// </summary>
public sealed class StopOnce
{
    private readonly Lock _gate = new();
    private Task? _stop;

    public Task Run(Func<Task> stop)
    {
        lock (_gate) return _stop ??= stop();
    }
}
