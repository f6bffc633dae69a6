using WestmontTextLine.CheckIns;
using WestmontTextLine.Console;
using WestmontTextLine.Handoff;
using WestmontTextLine.Hosting;
using WestmontTextLine.Outbound;
using WestmontTextLine.Senders;
using WestmontTextLine.Storage;
using WestmontTextLine.Twilio;

namespace WestmontTextLine.Settings;

/// <summary>
/// Every settings section that is the line's own, each with its validator: the one list the start
/// (<see cref="Hosting.StartupSettingsCheck"/>) and `check` (<see cref="SettingsCheck"/>) both go through. Logging,
/// Kestrel, Urls and AllowedHosts are ASP.NET Core's, checked where the line reads them.
/// </summary>
public static class SettingsSections
{
    public static IServiceCollection AddSettingsSections(this IServiceCollection services, IConfiguration configuration) => services
        .AddLineSettings<TextLineOptions, TextLineOptionsValidation>(TextLineOptions.Section, options => options.Bind(configuration.GetSection(TextLineOptions.Section)))
        .AddSenderSettings(configuration)
        .AddLineSettings<StorageOptions, StorageOptionsValidation>(StorageOptions.Section, options => options.Bind(configuration.GetSection(StorageOptions.Section)))
        .AddTwilioRequestSettings(configuration)
        .AddTwilioApiSettings(configuration)
        .AddCheckInSettings(configuration)
        .AddHandoffSettings(configuration)
        .AddConsoleSettings(configuration)
        .AddTrustedProxySettings(configuration);
}
