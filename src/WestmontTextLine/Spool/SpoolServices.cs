using WestmontTextLine.Hosting;

namespace WestmontTextLine.Spool;

/// <summary>What the store refused, kept on local disk until it answers (<see cref="SpoolFile"/>).</summary>
public static class SpoolServices
{
    public static IServiceCollection AddSpool(this IServiceCollection services)
    {
        services.AddSingleton(SpoolFiles.For);
        services.AddSingleton<OptOutSpool>();
        services.AddSingleton<OptOutSpoolWriter>();
        services.AddSingleton<FaultReplies>();
        services.AddSingleton<OptOutsWhileFileGone>();
        return services;
    }

    /// <summary>
    /// The worker that writes the spool through once the store answers, and the last try at a stop for the opt-outs held
    /// in memory only: the server's only.
    /// </summary>
    public static IServiceCollection AddSpoolWorker(this IServiceCollection services)
    {
        services.AddHostedService<HeldOptOutsAtStop>();
        return services.AddBackgroundWorker<OptOutSpoolWorker>();
    }
}
