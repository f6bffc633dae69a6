using Microsoft.Extensions.Options;
using WestmontTextLine.Hosting;
using WestmontTextLine.Outbound;
using WestmontTextLine.Records;

using WestmontTextLine.Settings;

namespace WestmontTextLine.CheckIns;

public static class CheckInServices
{
    public static IServiceCollection AddCheckInSettings(this IServiceCollection services, IConfiguration configuration) =>
        services.AddLineSettings<CheckInOptions, CheckInOptionsValidation>(CheckInOptions.Section, options => options.Bind(configuration.GetSection(CheckInOptions.Section)));

    public static IServiceCollection AddCheckIns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckInSettings(configuration);
        services.AddOptions<CheckInOptions>().ValidateOnStart();
        services.AddPrivateRecords();
        services.AddSingleton<SafetyPlans>();
        services.AddSingleton<TexterMarks>();
        services.AddSingleton<CheckInTexts>();
        services.AddSingleton<CheckInElapsed>();
        services.AddSingleton<CheckInStepTexts>();
        services.AddSingleton<ContactLinks>();
        services.AddSingleton<CheckInSends>();
        services.AddSingleton<CheckInAlerts>();
        services.AddSingleton<LostContacts>();
        services.AddSingleton<CheckInTimers>();
        services.AddSingleton<SafetyContacts>();
        services.AddSingleton<SafetyContactLeaving>();
        services.AddSingleton<SafetyContactAnswers>();
        services.AddSingleton<CheckInCodeWord>();
        services.AddSingleton<CheckInService>();
        services.AddSingleton<IOutboundOutcomes, CheckInDeliveries>();
        services.AddSingleton<IOutboxTextSubjects, CheckInTextSubjects>();
        services.AddSingleton<OnCallPhoneState>();
        services.AddSingleton<IOutboundOutcomes, OnCallDeliveries>();
        services.AddSingleton<ICarrierOptOutListener, CheckInCarrierOptOuts>();
        services.AddSingleton<IForgottenListener, ForgottenCheckInSends>();
        return services;
    }

    public static IServiceCollection AddCheckInWorker(this IServiceCollection services)
    {
        services.AddBackgroundWorker<CheckInWorker>();
        services.AddHealthChecks().AddCheck<OnCallHealthCheck>(OnCallHealthCheck.Name);
        return services;
    }
}
