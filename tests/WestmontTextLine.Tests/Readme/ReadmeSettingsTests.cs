using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Cli;
using WestmontTextLine.Settings;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Readme;

/// <summary>
/// README names the line's settings as a newcomer will type them: each one it names is a setting of the line, and
/// each setting of the line is in its Settings table, so neither a misspelt name nor an undocumented one goes unseen.
/// </summary>
public partial class ReadmeSettingsTests
{
    // README names these on purpose as the misspellings the line warns of.
    private static readonly HashSet<string> NamedAsMisspelt = ["Twilio:AuthTokn", "CheckIn:StaffNumbr"];

    [Fact]
    public void Every_setting_README_names_is_one_the_line_reads()
    {
        var keys = LineSettingKeys();
        var unknown = SettingsNamedIn(Readme.Text)
            .Where(name => !NamedAsMisspelt.Contains(name) && !Reads(keys, name))
            .ToList();

        Assert.True(unknown.Count == 0, "README names settings the line does not read: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_setting_the_line_reads_is_in_READMEs_settings_table()
    {
        var table = SettingsNamedIn(Readme.Section("## Settings")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = LineSettingKeys()
            .SelectMany(section => section.Value.Leaves.Keys.Select(path => $"{section.Key}:{path}"))
            .Where(name => !table.Contains(name) && !table.Contains(Group(name) + ":*"))
            .Order()
            .ToList();

        Assert.True(missing.Count == 0, "README's Settings table does not name: " + string.Join(", ", missing));
    }

    private static Dictionary<string, SettingsKeys> LineSettingKeys()
    {
        using var cli = CliHost.Build(CliArguments.Parse(["check"], RepoPaths.Root), RepoPaths.Root, null);
        return SettingsKeys.BySection(cli.Services.GetServices<SettingsSection>());
    }

    private static bool Reads(Dictionary<string, SettingsKeys> keys, string name)
    {
        var colon = name.IndexOf(':');
        if (!keys.TryGetValue(name[..colon], out var section)) return false;
        var path = name[(colon + 1)..];
        return path == "*" || section.Reads(path.EndsWith(":*", StringComparison.Ordinal) ? path[..^2] : path);
    }

    private static string Group(string name) => name[..name.LastIndexOf(':')];

    /// <summary>Section:Key and Section__Key, as README writes them, in the Section:Key form.</summary>
    private static IEnumerable<string> SettingsNamedIn(string text) =>
        SettingName().Matches(text).Select(m => m.Value.Replace("__", ":", StringComparison.Ordinal).TrimEnd(':')).Distinct();

    [GeneratedRegex(@"\b(TextLine|Storage|Twilio|CheckIn|Handoff|Console|ForwardedHeaders)(:|__)[A-Za-z][A-Za-z0-9_:]*(\*)?")]
    private static partial Regex SettingName();
}
