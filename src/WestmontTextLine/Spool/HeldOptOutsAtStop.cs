using WestmontTextLine.Hosting;

namespace WestmontTextLine.Spool;

/// <summary>
/// At a clean stop (SIGTERM, a restart, a deploy), the opt-outs held in memory only (the store and the disk refused
/// them: <see cref="OptOutKept.InMemoryOnly"/>) get one last try, bounded: to the spool file if the disk has room now,
/// else to the store. Any still held, and not opted out in the store, are lost with this process, and the log says so once, at Error, with how many
/// (never a keyed hash or number): those texters asked for no more texts, and the line started again does not know it.
/// A stop used to say nothing of them.
/// </summary>
public sealed partial class HeldOptOutsAtStop(IServiceProvider services, OptOutSpool spool, ILogger<HeldOptOutsAtStop> logger) : IHostedService
{
    /// <summary>How long the stop waits for the last try: a locked SQLite file takes 1 s to refuse a write.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private readonly StopOnce _stop = new();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Once, every stop waiting for it (<see cref="StopOnce"/>): the test host stops the line twice at once.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _stop.Run(() => LastTryAsync(cancellationToken));

    private async Task LastTryAsync(CancellationToken cancellationToken)
    {
        if (spool.HeldInMemory == 0) return;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            var writer = services.GetRequiredService<OptOutSpoolWriter>();
            writer.KeepHeldOnDisk();
            await writer.WriteHeldInMemoryAsync(budget.Token);
        }
        catch (Exception)
        {
            // The disk and the store still refuse them (or the store never opened): counted below.
        }
        // One whose session the last try opted out, though the rest of her STOP failed, is kept: the store has it.
        if (spool.LostIfStoppedNow is var lost and > 0) LostAtStop(logger, lost);
    }

    [LoggerMessage(1, LogLevel.Error, "Opt-outs lost as the line stopped: {Lost} opt-out(s) held in memory only could not be kept on disk or " +
        "written to the store in a last try. Those texters sent STOP, and the line started again does not know it: check-in texts, staff " +
        "replies and answers to their texts can reach them again until each sends STOP again, and nothing tells who they are. Before " +
        "starting the line again, free space on the disk under the data folder, or bring the store back, so that new opt-outs are kept; " +
        "while the log says opt-outs are held in memory only, do not stop or restart the line")]
    private static partial void LostAtStop(ILogger logger, int lost);
}
