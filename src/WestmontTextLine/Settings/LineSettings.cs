using Microsoft.Extensions.Options;

namespace WestmontTextLine.Settings;

/// <summary>
/// How a settings section becomes one of the line's own: its options are read from the section, its validator is
/// registered, and it is listed (<see cref="SettingsSection"/>) so that the start and `check` go through the same
/// sections and validators, and a key in the section that no options class reads is reported as misspelt.
/// Registering a section twice (a folder's own services and the full list both add it) registers it once.
/// </summary>
public static class LineSettings
{
    /// <param name="read">How the options are read from the section (a generic Bind is no use: the binder is source-generated).</param>
    public static IServiceCollection AddLineSettings<TOptions, TValidator>(
        this IServiceCollection services, string section, Action<OptionsBuilder<TOptions>> read)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        if (services.Any(d => d.ServiceType == typeof(SettingsSection) && d.ImplementationInstance is SettingsSection s && s.OptionsType == typeof(TOptions)))
        {
            return services;
        }
        services.AddSingleton(SettingsSection.For<TOptions>(section));
        read(services.AddOptions<TOptions>());
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services;
    }
}
