using WestmontTextLine.Hosting;
using WestmontTextLine.Records;

namespace WestmontTextLine.CheckIns;

public static class CheckInServices
{
    public static IServiceCollection AddCheckIns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CheckInOptions>().Bind(configuration.GetSection(CheckInOptions.Section))
            .Validate(options => options.Grace > TimeSpan.Zero && options.Grace <= TimeSpan.FromHours(2),
                "CheckIn:Grace must be between a second and 2 hours, e.g. 00:10:00.")
            .ValidateOnStart();
        services.AddPrivateRecords();
        services.AddSingleton<SafetyPlans>();
        services.AddSingleton<CheckInTexts>();
        services.AddSingleton<CheckInService>();
        return services;
    }

    public static IServiceCollection AddCheckInWorker(this IServiceCollection services)
    {
        services.AddBackgroundWorker<CheckInWorker>();
        return services;
    }
}
