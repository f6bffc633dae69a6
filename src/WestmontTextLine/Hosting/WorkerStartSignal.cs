namespace WestmontTextLine.Hosting;

/// <summary>
/// When the line's background workers start (<see cref="StartsAfterFirstAnswer{TWorker}"/>): once the first request
/// has been answered, or <see cref="DefaultFallbackDelay"/> after the host started if none comes. Built and run at start, the
/// workers and their first passes (claims and sweeps on the store) took the CPU the first text needed: the machine has
/// 2 cores, and the flows, the warm-ups and Kestrel are already on them.
/// </summary>
/// <param name="fallbackDelay">A test's own (infinite: only the first answer starts them); else <see cref="DefaultFallbackDelay"/>.</param>
public sealed class WorkerStartSignal(TimeSpan? fallbackDelay = null)
{
    public static readonly TimeSpan DefaultFallbackDelay = TimeSpan.FromSeconds(2);

    public TimeSpan FallbackDelay { get; } = fallbackDelay ?? DefaultFallbackDelay;

    private readonly TaskCompletionSource _firstAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _firstSeen;

    public Task FirstAnswered => _firstAnswered.Task;

    /// <summary>Completes at the first answer, after <see cref="FallbackDelay"/>, or once the token is cancelled; never faults.</summary>
    public Task FirstAnsweredOrDue(CancellationToken cancellationToken) =>
        Task.WhenAny(FirstAnswered, Task.Delay(FallbackDelay, TimeProvider.System, cancellationToken));

    /// <summary>Middleware: marks the end of the first response; every later request only reads a field.</summary>
    public Task ObserveAsync(HttpContext context, RequestDelegate next)
    {
        if (Volatile.Read(ref _firstSeen) == 0 && Interlocked.Exchange(ref _firstSeen, 1) == 0)
        {
            context.Response.OnCompleted(() =>
            {
                _firstAnswered.TrySetResult();
                return Task.CompletedTask;
            });
        }
        return next(context);
    }
}
