using Microsoft.Extensions.Options;

namespace WestmontTextLine.Storage;

/// <summary>
/// Whether the line started on a store put back from an older copy, and when: on SQLite from its mark
/// (<see cref="SqliteCopyMark"/>); on Redis from this instance's first look at the data marker, against the file it keeps
/// (<see cref="RedisDataMarker"/>). The timers ask it, so that a step due before that start runs no texts. A mark that
/// cannot be read or written (a full disk, a locked file) holds no timer up: it answers null, and is asked again at the
/// next step.
/// </summary>
public sealed class RestoredCopy(IServiceProvider services, IOptions<StorageOptions> options)
{
    /// <summary>
    /// Whether a timer's step due at <paramref name="due"/> fell due before the line started on an older copy of its
    /// store: in what the copy lost, the line took that step, or she ended it, so it runs no texts now.
    /// </summary>
    public async Task<bool> WasDueBeforeAsync(DateTimeOffset due, CancellationToken cancellationToken) =>
        await RestoredAtAsync(cancellationToken) is { } restoredAt && due < restoredAt;

    public async Task<DateTimeOffset?> RestoredAtAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (options.Value.Is(StorageOptions.Sqlite)) return await services.GetRequiredService<SqliteCopyMark>().RestoredAtAsync(cancellationToken);
            if (options.Value.Is(StorageOptions.Redis)) return await services.GetRequiredService<RedisDataMarker>().RestoredAtAsync(cancellationToken);
            return null;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
