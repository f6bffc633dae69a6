using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.Options;
using WestmontTextLine.Logging;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console;

/// <summary>
/// On Redis, every 10 seconds, once the console has been used on this instance: a sign-in key in Redis that this
/// instance's key ring does not hold makes it read its keys again (<see cref="ReloadableKeyManager"/>), from the copy the
/// check reads them into (<see cref="RedisConsoleKeys"/>). Found after
/// Redis lost its data: the instance that found the loss made a new key and signed with it, and another instance,
/// running for more than two minutes, could not read it (data protection looks for an unknown key only in its first
/// two minutes) and sent the staff member back to the sign-in page, for up to a day.
/// </summary>
public sealed class ConsoleKeysWatch(
    IOptions<StorageOptions> options, ConsoleProvider console, TimeProvider time, ILogger<ConsoleKeysWatch> logger)
    : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    // Keys already read again for: one this instance cannot use (sealed under another encryption key) is not read for
    // again and again.
    private readonly HashSet<Guid> _readAgainFor = [];
    private long _checksDone;

    /// <summary>How many checks have run to their end (tests wait for one that began after a key was made).</summary>
    internal long ChecksDone => Interlocked.Read(ref _checksDone);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Is(StorageOptions.Redis)) return;
        using var timer = new PeriodicTimer(CheckEvery, time);
        do
        {
            if (console.IsBuilt)
            {
                await CheckQuietlyAsync(console.Services, stoppingToken);
                Interlocked.Increment(ref _checksDone);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // A worker that throws stops the line (StartsAfterFirstAnswer): a key ring that cannot be read now is read at the next check.
    private async Task CheckQuietlyAsync(IServiceProvider consoleServices, CancellationToken stoppingToken)
    {
        try
        {
            await CheckAsync(consoleServices);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Console: the sign-in keys were not compared with Redis's: {Fault} ({Type})", FaultMessage.Of(ex), ex.GetType().Name);
        }
    }

    private async Task CheckAsync(IServiceProvider consoleServices)
    {
        if (ConsoleKeyStorage.InRedis(consoleServices) is not { } keys) return;
        IReadOnlyList<Guid> stored;
        try
        {
            // Into the copy: data protection's own read of them, in the background, takes it.
            stored = [.. ReloadableKeyManager.KeyIds(await keys.ReadAheadAsync())];
        }
        catch (Exception ex)
        {
            logger.LogDebug("Console: the sign-in keys in Redis were not read: {Fault}", ex.GetType().Name);
            return;
        }
        var ring = consoleServices.GetRequiredService<IKeyRingProvider>();
        var current = ring.GetCurrentKeyRing();
        var unknown = stored.FirstOrDefault(id => !_readAgainFor.Contains(id) && current.GetAuthenticatedEncryptorByKeyId(id, out _) is null);
        if (unknown == Guid.Empty) return;
        _readAgainFor.UnionWith(stored);
        consoleServices.GetRequiredService<ReloadableKeyManager>().ReadAgain();
        if (ConsoleKeyRing.Holds(ring, unknown)) logger.LogInformation("Console: read the sign-in keys again: Redis holds one another instance made");
        else logger.LogWarning("Console: Redis holds a sign-in key this instance could not read within {Seconds} s", ConsoleKeyRing.ReadWithin.TotalSeconds);
    }
}
