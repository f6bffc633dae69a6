namespace WestmontTextLine.Cli;

/// <summary>A small text bar chart: a label, a bar scaled to the largest count, the count. "health  ██████ 12".</summary>
public static class BarChart
{
    public const int Width = 30;
    public const char Block = '█';

    /// <param name="rows">Each row's label, its count, and an optional note written after the count.</param>
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<BarChartRow> rows, string indent = "    ")
    {
        if (rows.Count == 0) return;
        var labelWidth = rows.Max(r => r.Label.Length);
        var largest = rows.Max(r => r.Count);
        foreach (var (label, count, note) in rows)
        {
            var bar = new string(Block, BarLength(count, largest));
            var line = $"{indent}{label.PadRight(labelWidth)}  {bar}{(bar.Length > 0 ? " " : "")}{count}{(note is null ? "" : " " + note)}";
            await output.WriteLineAsync(line);
        }
    }

    /// <summary>Scaled to the largest count; any count above zero shows at least one block.</summary>
    public static int BarLength(long count, long largest) =>
        count <= 0 || largest <= 0 ? 0 : (int)Math.Max(1, Math.Round((double)count * Width / largest));
}

public sealed record BarChartRow(string Label, long Count, string? Note = null);
