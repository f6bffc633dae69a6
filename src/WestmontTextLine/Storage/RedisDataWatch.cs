using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WestmontTextLine.Storage;

/// <summary>Looks at Redis's data marker (<see cref="RedisDataMarker"/>) every 10 seconds, on Redis only.</summary>
public sealed class RedisDataWatch(
    IServiceProvider services, IOptions<StorageOptions> options, StoreDataLoss loss, TimeProvider time, ILogger<RedisDataMarker> logger)
    : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Is(StorageOptions.Redis)) return;
        var marker = new RedisDataMarker(services.GetRequiredService<IConnectionMultiplexer>(), loss, logger);
        using var timer = new PeriodicTimer(CheckEvery, time);
        do
        {
            await marker.CheckAsync();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
