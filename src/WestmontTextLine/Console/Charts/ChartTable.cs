using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace WestmontTextLine.Console.Charts;

/// <summary>
/// A chart's numbers as a table behind "Show the numbers" (a <c>details</c> element under each chart): text that wraps,
/// zooms and takes a reader's own spacing (WCAG 1.4.12), which a chart drawn as SVG cannot (its long labels ran into
/// their bars), and rows a screen reader can step through; the chart's description reads them out in one breath.
/// "Show the numbers" names the chart it opens, for a screen reader.
/// </summary>
public static class ChartTable
{
    /// <summary>The chart (drawn for a wide screen and for a phone: the page's style shows one), and its numbers as a table under it.</summary>
    public static string WithChart(string title, string labelHeading, IReadOnlyList<(string Label, long Count, string? Note)> rows) =>
        SvgBarChart.Horizontal(title, rows) + SvgBarChart.Stacked(title, rows) + Html(title, labelHeading, rows);

    public static string Html(string title, string labelHeading, IReadOnlyList<(string Label, long Count, string? Note)> rows)
    {
        var encoder = HtmlEncoder.Default;
        // The summary names its chart (for a screen reader only: the chart is just above it on the screen). The page has
        // a dozen of them, and a list of its controls, or the Tab key, read "Show the numbers" twelve times over.
        var html = new StringBuilder(
            $"<details class=\"chart-table\"><summary>Show the numbers<span class=\"visually-hidden\">: {encoder.Encode(title)}</span></summary>");
        if (rows.Count == 0) return html.Append("<p>No data.</p></details>").ToString();
        html.Append(CultureInfo.InvariantCulture,
            $"<table><caption>{encoder.Encode(title)}</caption><thead><tr><th scope=\"col\">{encoder.Encode(labelHeading)}</th><th scope=\"col\">Count</th></tr></thead><tbody>");
        foreach (var (label, count, note) in rows)
        {
            var shown = note is null ? count.ToString(CultureInfo.InvariantCulture) : $"{count.ToString(CultureInfo.InvariantCulture)} {note}";
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{encoder.Encode(label)}</th><td>{encoder.Encode(shown)}</td></tr>");
        }
        return html.Append("</tbody></table></details>").ToString();
    }
}
