namespace WestmontTextLine.Settings;

/// <summary>
/// Settings the line would silently ignore: a misspelt key in one of its own sections (Twilio:AuthTokn), a section's
/// name misspelt (Twillio:AuthToken), or an environment variable written with one underscore or a dot where the
/// section ends (Twilio_AuthToken, TWILIO_AUTH_TOKEN), which is no setting at all. Each is named, never its value, with
/// the setting it was likely meant to be. A typo that leaves a safety setting at its default (CheckIn:StaffNumber
/// never alerted, Storage:Provider left on SQLite beside other instances) otherwise shows only when it hurts.
/// </summary>
public static class UnknownSettings
{
    private static readonly char[] Separators = ['_', '.', '-'];

    /// <param name="own">The keys of each of the line's own sections (<see cref="SettingsKeys.BySection"/>).</param>
    public static IEnumerable<string> In(IConfiguration configuration, IReadOnlyDictionary<string, SettingsKeys> own)
    {

        foreach (var (name, keys) in own)
        {
            foreach (var (key, value) in configuration.GetSection(name).AsEnumerable(makePathsRelative: true))
            {
                if (value is null || keys.Reads(key)) continue;
                yield return $"{name}:{key} is not a setting of the line, so it is ignored{Suggestion(name, key, keys)}";
            }
        }

        foreach (var root in configuration.GetChildren())
        {
            if (own.ContainsKey(root.Key)) continue;
            if (root.Value is not null && SectionWrittenWithSeparator(root.Key, own.Keys) is { } section)
            {
                var rest = root.Key[(section.Length + 1)..];
                yield return $"{root.Key} is not a setting of the line, so it is ignored: a setting's section and key are joined by ':', or by two " +
                    $"underscores in an environment variable ({section}__Key){Suggestion(section, rest, own[section], environmentForm: true)}";
            }
            else if (root.Value is null && MisspeltSection(root.Key, own.Keys) is { } meant)
            {
                foreach (var (key, value) in root.AsEnumerable(makePathsRelative: true))
                {
                    if (value is null) continue;
                    yield return $"{root.Key}:{key} is not a setting of the line, so it is ignored: there is no section {root.Key}{Suggestion(meant, key, own[meant])}";
                }
            }
        }
    }

    private static string? SectionWrittenWithSeparator(string key, IEnumerable<string> sections) =>
        sections.FirstOrDefault(section => key.Length > section.Length + 1
            && key.StartsWith(section, StringComparison.OrdinalIgnoreCase) && Separators.Contains(key[section.Length]));

    // Loops, not LINQ over (section, distance) pairs: this runs at every start (Logging is a section of no options
    // class), and each such query is generic code over a struct that the JIT compiles on the way to the first answer.
    private static string? MisspeltSection(string name, IEnumerable<string> sections)
    {
        var plainName = Plain(name);
        string? nearest = null;
        var nearestDistance = int.MaxValue;
        foreach (var section in sections)
        {
            var distance = Distance(plainName, Plain(section));
            if (distance > 0 && distance <= (section.Length < 7 ? 1 : 2) && distance < nearestDistance)
            {
                nearest = section;
                nearestDistance = distance;
            }
        }
        return nearest;
    }

    /// <summary>": did you mean Twilio:AuthToken?" when one of the section's settings is close, else a full stop.</summary>
    private static string Suggestion(string section, string key, SettingsKeys keys, bool environmentForm = false)
    {
        var written = Plain(key);
        var nearest = keys.Leaves.Keys
            .Select(known => (known, distance: Distance(written, Plain(known))))
            .Where(k => k.distance <= Math.Max(2, k.known.Length / 4))
            .OrderBy(k => k.distance).ThenBy(k => k.known, StringComparer.Ordinal)
            .Select(k => k.known).FirstOrDefault();
        if (nearest is null) return ".";
        return environmentForm
            ? $": did you mean {section}:{nearest} (environment variable {section}__{nearest.Replace(":", "__")})?"
            : $": did you mean {section}:{nearest}?";
    }

    // TWILIO_AUTH_TOKEN, auth-token and AuthToken are the same words.
    private static string Plain(string key)
    {
        var plain = new System.Text.StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (c is not (':' or '_' or '.' or '-')) plain.Append(char.ToLowerInvariant(c));
        }
        return plain.ToString();
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
