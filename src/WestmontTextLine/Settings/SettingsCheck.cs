using WestmontTextLine.Hosting;

namespace WestmontTextLine.Settings;

/// <summary>
/// The settings as the start reads them: where the line listens (<see cref="ListenAddressCheck"/>), then every section
/// of <see cref="SettingsSections"/> through its own validator, each problem naming its setting. The start refuses to
/// go on with any error and logs the warnings; `check` prints both.
/// </summary>
public sealed record SettingsCheck(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public static SettingsCheck Run(IServiceProvider services, IConfiguration configuration, string contentRoot)
    {
        var sections = services.GetServices<SettingsSection>().DistinctBy(s => s.OptionsType).ToList();
        var errors = ListenAddressCheck.Problems(configuration, contentRoot)
            .Concat(sections.SelectMany(section => section.ProblemsIn(services)))
            .ToList();
        var warnings = UnknownSettings.In(configuration, sections).Concat(BareDurations.In(configuration, sections)).ToList();
        return new(errors, warnings);
    }
}
