using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace WestmontTextLine.Console.Charts;

/// <summary>
/// Bar charts drawn on the server as SVG (no chart library, nothing for the browser to run): horizontal bars with
/// their labels and counts in text, so the numbers are readable without the bars, and the chart is one image with
/// a title and a description for screen readers. Each chart is drawn twice: <see cref="Horizontal"/> (labels beside
/// the bars, 640 wide) for a wide screen, and <see cref="Stacked"/> (each label above its bar, 340 wide) for a phone,
/// where the wide one, shrunk to the screen, drew its words at under 7 px. The page's style shows one of them.
/// </summary>
public static class SvgBarChart
{
    private const int Width = 640;
    private const int RowHeight = 22;
    private const int LabelWidth = 230;
    private const int CountWidth = 60;
    private const int MinimumBarWidth = 100;

    /// <summary>
    /// A generous width of one character of a count at the charts' 12px (DejaVu Sans digits are 7.6px wide, brackets
    /// less): the longest count and its note must fit to the right of the longest bar, inside the drawing.
    /// </summary>
    public const double CharacterWidth = 7.7;

    public static string Horizontal(string title, IReadOnlyList<(string Label, long Count, string? Note)> rows)
    {
        var encoder = HtmlEncoder.Default;
        var height = Math.Max(1, rows.Count) * RowHeight + 8;
        var largest = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var countWidth = CountWidthOf(rows, Width - LabelWidth - MinimumBarWidth, CharacterWidth);
        var svg = Opening("chart", title, Width, height, rows);
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, count, note) = rows[i];
            var y = i * RowHeight + 4;
            var bar = BarLength(count, largest, Width - LabelWidth - countWidth - 8);
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 15}\" class=\"chart-label\">{encoder.Encode(Shorten(label, 34))}</text>" +
                $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{bar}\" height=\"{RowHeight - 8}\" class=\"chart-bar\"></rect>" +
                $"<text x=\"{LabelWidth + bar + 6}\" y=\"{y + 15}\" class=\"chart-count\">{encoder.Encode(CountText(count, note))}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private const int NarrowWidth = 340;
    private const int NarrowRowHeight = 40;
    private const int NarrowLabelLength = 40;

    /// <summary>A character of a count at the stacked chart's 14px: <see cref="CharacterWidth"/> at 12px, scaled.</summary>
    public const double NarrowCharacterWidth = CharacterWidth * 14 / 12;

    /// <summary>
    /// The chart for a narrow screen, drawn about as wide as a phone shows it (so its 14px words stay about 14px): each
    /// label on a line of its own, its bar under it with the count beside the bar.
    /// </summary>
    public static string Stacked(string title, IReadOnlyList<(string Label, long Count, string? Note)> rows)
    {
        var encoder = HtmlEncoder.Default;
        var height = Math.Max(1, rows.Count) * NarrowRowHeight + 4;
        var largest = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var countWidth = CountWidthOf(rows, NarrowWidth - MinimumBarWidth, NarrowCharacterWidth);
        var svg = Opening("chart-narrow", title, NarrowWidth, height, rows);
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, count, note) = rows[i];
            var y = i * NarrowRowHeight;
            var bar = BarLength(count, largest, NarrowWidth - countWidth - 8);
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 15}\" class=\"chart-label\">{encoder.Encode(Shorten(label, NarrowLabelLength))}</text>" +
                $"<rect x=\"0\" y=\"{y + 21}\" width=\"{bar}\" height=\"13\" class=\"chart-bar\"></rect>" +
                $"<text x=\"{(bar == 0 ? 0 : bar + 6)}\" y=\"{y + 32}\" class=\"chart-count\">{encoder.Encode(CountText(count, note))}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// The chart's image, its title and its description (every label and count, for a screen reader), opened; the id
    /// comes from the class and the title, so the wide and the narrow drawing of one chart never share one.
    /// </summary>
    private static StringBuilder Opening(string cssClass, string title, int width, int height, IReadOnlyList<(string Label, long Count, string? Note)> rows)
    {
        var encoder = HtmlEncoder.Default;
        var id = cssClass + "-" + Math.Abs(StringComparer.Ordinal.GetHashCode(title)).ToString(CultureInfo.InvariantCulture);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"{cssClass}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-t\">{encoder.Encode(title)}</title><desc id=\"{id}-d\">{encoder.Encode(Description(rows))}</desc>");
        return svg;
    }

    /// <summary>
    /// Room for the longest count beside the longest bar ("61 (10 new)", "3 (30007 x3)"), so no count is cut off at the
    /// drawing's edge, and never more than <paramref name="most"/> (the longest bar keeps at least MinimumBarWidth).
    /// </summary>
    private static int CountWidthOf(IReadOnlyList<(string Label, long Count, string? Note)> rows, int most, double characterWidth) =>
        rows.Count == 0 ? CountWidth : Math.Min(most,
            Math.Max(CountWidth, (int)Math.Ceiling(rows.Max(r => CountText(r.Count, r.Note).Length) * characterWidth)));

    /// <summary>A bar's length in a drawing whose largest count gets <paramref name="longest"/>; a count above 0 never draws nothing.</summary>
    private static int BarLength(long count, long largest, int longest)
    {
        var bar = largest == 0 ? 0 : (int)Math.Round((double)count * longest / largest);
        return count > 0 && bar == 0 ? 1 : bar;
    }

    private static string Description(IReadOnlyList<(string Label, long Count, string? Note)> rows) => rows.Count == 0
        ? "No data."
        : string.Join("; ", rows.Select(r => $"{r.Label}: {r.Count}{(r.Note is null ? "" : " " + r.Note)}"));

    private static string CountText(long count, string? note) =>
        note is null ? count.ToString(CultureInfo.InvariantCulture) : $"{count.ToString(CultureInfo.InvariantCulture)} {note}";

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
