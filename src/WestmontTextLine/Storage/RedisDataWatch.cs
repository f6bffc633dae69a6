using Microsoft.Extensions.Options;

namespace WestmontTextLine.Storage;

/// <summary>Looks at Redis's data marker (<see cref="RedisDataMarker"/>) every 10 seconds, on Redis only.</summary>
public sealed class RedisDataWatch(IServiceProvider services, IOptions<StorageOptions> options, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Is(StorageOptions.Redis)) return;
        var marker = services.GetRequiredService<RedisDataMarker>();
        using var timer = new PeriodicTimer(CheckEvery, time);
        do
        {
            await marker.CheckAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
