namespace WestmontTextLine.Scheduling;

/// <summary>
/// A background worker that runs a pass at start (what fell due while the line was down) and then every interval,
/// one pass at a time (<see cref="OnePassAtATime"/>); the tests run a pass by hand with <see cref="RunPassAsync"/>.
/// </summary>
public abstract class PassWorker(TimeSpan passInterval, TimeProvider time) : BackgroundService
{
    private readonly OnePassAtATime _oneAtATime = new();

    protected TimeProvider Time { get; } = time;

    /// <summary>False when the worker has nothing to do on this line (it cannot send, say): it never starts its timer.</summary>
    protected virtual bool Runs => true;

    public Task RunPassAsync(CancellationToken cancellationToken) => _oneAtATime.RunAsync(PassAsync, cancellationToken);

    protected abstract Task PassAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Runs) return;
        using var timer = new PeriodicTimer(passInterval, Time);
        do
        {
            await RunPassAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
