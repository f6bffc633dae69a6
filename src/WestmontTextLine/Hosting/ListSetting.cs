namespace WestmontTextLine.Hosting;

/// <summary>
/// A setting that holds a list, read as an operator writes it: one value with commas (the environment variable
/// ForwardedHeaders__KnownProxies=10.0.0.5,10.0.0.6), an array (ForwardedHeaders__KnownProxies__0=..., or a JSON
/// array), or both. The binder reads only the array, and silently ignores the single value.
/// </summary>
public static class ListSetting
{
    public static List<string> Read(IConfigurationSection section) =>
        new[] { section.Value }
            .Concat(section.GetChildren().Select(item => item.Value))
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
}
