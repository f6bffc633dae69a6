using Microsoft.Extensions.Options;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Hosting;
using WestmontTextLine.Outbound;
using WestmontTextLine.Senders;
using WestmontTextLine.Twilio;

namespace WestmontTextLine.Settings;

/// <summary>
/// The settings as the start reads them: where the line listens (<see cref="ListenAddressCheck"/>), then every section
/// of <see cref="SettingsSections"/> through its own validator, each problem naming its setting; and what the start
/// warns of (a setting it ignores, a duration read as days, signatures not checked, a key short enough to guess, the
/// on-call phone set to the line's own number, a deletion at the provider sooner than it allows). The
/// start refuses to go on with any error and logs the warnings; `check` prints both.
/// </summary>
public sealed record SettingsCheck(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public static SettingsCheck Run(IServiceProvider services, IConfiguration configuration, string contentRoot)
    {
        var sections = services.GetServices<SettingsSection>().DistinctBy(s => s.OptionsType).ToList();
        var errors = ListenAddressCheck.Problems(configuration, contentRoot)
            .Concat(sections.SelectMany(section => section.ProblemsIn(services)))
            .ToList();
        var environment = services.GetRequiredService<IHostEnvironment>();
        // The keys each section reads come from reflection over its options classes: found once for both warnings.
        var keys = SettingsKeys.BySection(sections);
        var warnings = UnknownSettings.In(configuration, keys)
            .Concat(BareDurations.In(configuration, keys))
            .Concat(WarningsOf<TwilioOptions>(services, TwilioOptionsValidation.Warnings))
            .Concat(WarningsOf<SenderOptions>(services, options => SenderOptionsValidation.Warnings(options, environment)))
            // The Twilio section is read once for its own warnings and the on-call phone's, which needs the CheckIn one too.
            .Concat(WarningsOf<TwilioApiOptions>(services, twilio =>
                twilio.Warnings().Concat(WarningsOf<CheckInOptions>(services, checkIn => OnCallPhoneWarnings.In(checkIn, twilio)))))
            .ToList();
        return new(errors, warnings);
    }

    /// <summary>What a usable section warns of; nothing for one that is not (its errors say why).</summary>
    private static IEnumerable<string> WarningsOf<T>(IServiceProvider services, Func<T, IEnumerable<string>> warnings) where T : class
    {
        try
        {
            return [.. warnings(services.GetRequiredService<IOptionsFactory<T>>().Create(Options.DefaultName))];
        }
        catch (Exception ex) when (WrongSettings.Threw(ex))
        {
            return [];
        }
    }
}
