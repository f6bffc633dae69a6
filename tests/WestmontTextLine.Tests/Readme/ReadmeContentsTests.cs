using System.Text.RegularExpressions;

namespace WestmontTextLine.Tests.Readme;

/// <summary>
/// README's table of contents lists its sections (## and ###) in their order, each linked to its heading, and every
/// link inside README reaches a heading: a section renamed, added or moved without its entry fails here.
/// </summary>
public partial class ReadmeContentsTests
{
    private const string Begin = "<!-- contents:begin -->";
    private const string End = "<!-- contents:end -->";

    [Fact]
    public void The_contents_list_every_section_in_order()
    {
        var expected = Headings().Where(h => h.Level is 2 or 3)
            .Select(h => $"{new string(' ', (h.Level - 2) * 2)}- [{h.Title}](#{h.Anchor})")
            .ToList();

        Assert.Equal(string.Join('\n', expected), string.Join('\n', ContentsLines()));
    }

    [Fact]
    public void Every_link_within_README_reaches_a_heading()
    {
        var anchors = Headings().Select(h => h.Anchor).ToHashSet();
        var broken = InternalLink().Matches(Readme.Text).Select(m => m.Groups[1].Value).Where(a => !anchors.Contains(a)).Distinct().ToList();

        Assert.True(broken.Count == 0, "README links to no heading: " + string.Join(", ", broken.Select(a => "#" + a)));
    }

    private static IEnumerable<string> ContentsLines()
    {
        var begin = Readme.Lines.ToList().IndexOf(Begin);
        var end = Readme.Lines.ToList().IndexOf(End);
        Assert.True(begin >= 0 && end > begin, $"README.md has lost its {Begin} and {End} markers.");
        return Readme.Lines.Skip(begin + 1).Take(end - begin - 1);
    }

    private sealed record Heading(int Level, string Title, string Anchor);

    /// <summary>README's headings outside code blocks, each with the anchor GitHub gives it (a repeated one gets -1, -2...).</summary>
    private static List<Heading> Headings()
    {
        var headings = new List<Heading>();
        var seen = new Dictionary<string, int>();
        var inCode = false;
        foreach (var line in Readme.Lines)
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
            var level = inCode ? 0 : Readme.HeadingLevel(line);
            if (level == 0) continue;
            var title = line[(level + 1)..].Trim();
            var slug = NotInAnchor().Replace(title.ToLowerInvariant(), "").Replace(' ', '-');
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            headings.Add(new(level, title, count == 0 ? slug : $"{slug}-{count}"));
        }
        return headings;
    }

    [GeneratedRegex(@"[^\p{L}\p{Nd}\- _]")]
    private static partial Regex NotInAnchor();

    [GeneratedRegex(@"\]\(#([^)\s]+)\)")]
    private static partial Regex InternalLink();
}
