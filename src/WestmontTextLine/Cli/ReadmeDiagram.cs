namespace WestmontTextLine.Cli;

/// <summary>The menu diagram in README.md: a ```mermaid block between two marker comments, rewritten by `graph --update-readme`.</summary>
public static class ReadmeDiagram
{
    public const string FileName = "README.md";
    public const string RegenerateCommand = "dotnet run --project src/WestmontTextLine -- graph --update-readme";
    public const string Begin = "<!-- menu-diagram:begin -->";
    public const string End = "<!-- menu-diagram:end -->";

    public static string Block(string mermaid) => $"```mermaid\n{mermaid.TrimEnd('\n')}\n```";

    /// <summary>What stands between the markers now, or null when the README has no markers.</summary>
    public static string? Current(string readme)
    {
        var (start, end) = Markers(readme);
        return start < 0 ? null : readme[start..end].Trim('\n');
    }

    public static string Replace(string readme, string mermaid)
    {
        var (start, end) = Markers(readme);
        if (start < 0) throw new InvalidOperationException($"{FileName} has no '{Begin}' ... '{End}' markers to put the diagram between");
        return readme[..start] + "\n" + Block(mermaid) + "\n" + readme[end..];
    }

    private static (int Start, int End) Markers(string readme)
    {
        var begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = begin < 0 ? -1 : readme.IndexOf(End, begin, StringComparison.Ordinal);
        return begin < 0 || end < 0 ? (-1, -1) : (begin + Begin.Length, end);
    }
}
