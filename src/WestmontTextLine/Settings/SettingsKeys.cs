using System.Collections;
using System.Reflection;

namespace WestmontTextLine.Settings;

/// <summary>
/// The keys an options class reads, as paths within its section (RequestValidation:BaseUrl), with the type of each:
/// its public settable properties, and those of the classes under it. A list takes any index under its key
/// (KnownProxies:0).
/// </summary>
public sealed class SettingsKeys
{
    private readonly Dictionary<string, Type> _leaves = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _lists = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, Type> Leaves => _leaves;

    /// <summary>The keys of each of the line's own sections, by section name (two options classes may share one).</summary>
    public static Dictionary<string, SettingsKeys> BySection(IEnumerable<SettingsSection> sections) =>
        sections.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.First().Name, g => Of(g.Select(s => s.OptionsType).Distinct()), StringComparer.OrdinalIgnoreCase);

    public static SettingsKeys Of(IEnumerable<Type> optionsTypes)
    {
        var keys = new SettingsKeys();
        foreach (var type in optionsTypes) keys.Add(type, "");
        return keys;
    }

    /// <summary>True when the options read this path: a setting, a group of settings, or an item of a list.</summary>
    public bool Reads(string path)
    {
        if (_leaves.ContainsKey(path) || _groups.Contains(path) || _lists.Contains(path)) return true;
        var last = path.LastIndexOf(':');
        return last > 0 && _lists.Contains(path[..last]) && path[(last + 1)..].All(char.IsAsciiDigit);
    }

    private void Add(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0) continue;
            var path = prefix + property.Name;
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsValue(propertyType))
            {
                _leaves[path] = propertyType;
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                _lists.Add(path);
                _leaves[path] = propertyType;
            }
            else
            {
                _groups.Add(path);
                Add(propertyType, path + ":");
            }
        }
    }

    private static bool IsValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(decimal)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri);
}
