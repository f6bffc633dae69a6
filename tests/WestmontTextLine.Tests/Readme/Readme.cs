using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Readme;

/// <summary>The repo's README.md, whole or one section of it (a heading to the next heading of its level or above).</summary>
public static class Readme
{
    public static string Text { get; } = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    public static IReadOnlyList<string> Lines { get; } = Text.Split('\n');

    public static string Section(string heading)
    {
        var level = heading.TakeWhile(c => c == '#').Count();
        var start = Array.IndexOf([.. Lines], heading);
        if (start < 0) throw new InvalidOperationException($"README.md has no heading '{heading}'.");
        var end = start + 1;
        var inCode = false;
        for (; end < Lines.Count; end++)
        {
            if (Lines[end].StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
            if (!inCode && HeadingLevel(Lines[end]) is > 0 and var l && l <= level) break;
        }
        return string.Join('\n', Lines.Skip(start).Take(end - start));
    }

    /// <summary>
    /// The text under the heading titled <paramref name="title"/> (any level) up to the next heading of any level:
    /// what a reader sent to that title finds there, without its subsections.
    /// </summary>
    public static string OwnText(string title)
    {
        var start = Lines.ToList().FindIndex(line => HeadingLevel(line) > 0 && line[(HeadingLevel(line) + 1)..].Trim() == title);
        if (start < 0) throw new InvalidOperationException($"README.md has no heading '{title}'.");
        var inCode = false;
        var end = start + 1;
        for (; end < Lines.Count; end++)
        {
            if (Lines[end].StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
            if (!inCode && HeadingLevel(Lines[end]) > 0) break;
        }
        return string.Join('\n', Lines.Skip(start).Take(end - start));
    }

    /// <summary>The level of a Markdown heading line (`## x` is 2), or 0 for any other line.</summary>
    public static int HeadingLevel(string line)
    {
        var hashes = line.TakeWhile(c => c == '#').Count();
        return hashes is > 0 and <= 6 && line.Length > hashes && line[hashes] == ' ' ? hashes : 0;
    }
}
