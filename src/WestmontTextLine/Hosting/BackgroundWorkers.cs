using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WestmontTextLine.Hosting;

public static class BackgroundWorkers
{
    /// <summary>The worker as a singleton (tests and the health checks use it), started by the host after the first answer.</summary>
    public static IServiceCollection AddBackgroundWorker<TWorker>(this IServiceCollection services) where TWorker : class, IHostedService
    {
        services.TryAddSingleton<WorkerStartSignal>();
        services.AddSingleton<TWorker>();
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<StartsAfterFirstAnswer<TWorker>>(provider));
        return services;
    }
}
