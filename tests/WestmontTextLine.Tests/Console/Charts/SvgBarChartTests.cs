using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using WestmontTextLine.Console.Charts;

namespace WestmontTextLine.Tests.Console.Charts;

public sealed partial class SvgBarChartTests
{
    // DejaVu Sans (Debian's default sans-serif) draws a digit 0.636 em wide: 7.6px at the charts' 12px.
    private const double DigitWidth = 7.6;

    [Theory]
    [InlineData("Thu Dec 3", 61, "(10 new)")]
    [InlineData("law_status", 3, "(30007 x3, 30008 x1)")]
    [InlineData("main (start)", 12345, null)]
    public void The_longest_bars_count_and_note_fit_inside_the_drawing(string label, long count, string? note)
    {
        var svg = SvgBarChart.Horizontal("chart", [(label, count, note), ("other", 1, null)]);
        var width = int.Parse(ViewBoxPattern().Match(svg).Groups[1].Value, CultureInfo.InvariantCulture);
        foreach (Match text in CountPattern().Matches(svg))
        {
            var x = int.Parse(text.Groups[1].Value, CultureInfo.InvariantCulture);
            var shown = WebUtility.HtmlDecode(text.Groups[2].Value);
            Assert.True(x + shown.Length * DigitWidth <= width, $"\"{shown}\" at x={x} runs past the drawing's {width}px: {svg}");
        }
        Assert.Contains($">{count}{(note is null ? "" : " " + note)}</text>", svg);
    }

    [Theory]
    [InlineData("Thu Dec 3", 61, "(10 new)")]
    [InlineData("law_status", 3, "(30007 x3, 30008 x1)")]
    [InlineData("main (start)", 12345, null)]
    public void The_phones_chart_fits_the_longest_bars_count_and_note_inside_the_drawing_too(string label, long count, string? note)
    {
        var svg = SvgBarChart.Stacked("chart", [(label, count, note), ("other", 1, null)]);
        var width = int.Parse(ViewBoxPattern().Match(svg).Groups[1].Value, CultureInfo.InvariantCulture);
        foreach (Match text in CountPattern().Matches(svg))
        {
            var x = int.Parse(text.Groups[1].Value, CultureInfo.InvariantCulture);
            var shown = WebUtility.HtmlDecode(text.Groups[2].Value);
            Assert.True(x + shown.Length * DigitWidth * 14 / 12 <= width, $"\"{shown}\" at x={x} runs past the drawing's {width}px: {svg}");
        }
        Assert.Contains($">{count}{(note is null ? "" : " " + note)}</text>", svg);
    }

    [GeneratedRegex("""viewBox="0 0 (\d+) \d+""")]
    private static partial Regex ViewBoxPattern();

    [GeneratedRegex("""<text x="(\d+)" y="\d+" class="chart-count">([^<]*)</text>""")]
    private static partial Regex CountPattern();
}
