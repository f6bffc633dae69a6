using Microsoft.Extensions.Options;

namespace WestmontTextLine.Settings;

/// <summary>
/// One of the line's own settings sections as registered: its name, the options class read from it, and how to read
/// it as the start does (binding, then every validator), collecting what is wrong instead of throwing.
/// </summary>
public sealed class SettingsSection
{
    private readonly Func<IServiceProvider, IReadOnlyList<string>> _problems;

    private SettingsSection(string name, Type optionsType, Func<IServiceProvider, IReadOnlyList<string>> problems)
    {
        Name = name;
        OptionsType = optionsType;
        _problems = problems;
    }

    public string Name { get; }
    public Type OptionsType { get; }

    /// <summary>Each problem with its setting's name, as the start would refuse it; empty when the section is usable.</summary>
    public IReadOnlyList<string> ProblemsIn(IServiceProvider services) => _problems(services);

    public static SettingsSection For<T>(string name) where T : class => new(name, typeof(T), ProblemsOf<T>);

    private static IReadOnlyList<string> ProblemsOf<T>(IServiceProvider services) where T : class
    {
        try
        {
            // A new instance each time, made as IOptions<T> makes it: bound, post-configured, validated.
            services.GetRequiredService<IOptionsFactory<T>>().Create(Options.DefaultName);
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
        catch (InvalidOperationException ex) when (UnreadableSetting.Is(ex))
        {
            return [UnreadableSetting.Explain(ex)];
        }
    }
}
