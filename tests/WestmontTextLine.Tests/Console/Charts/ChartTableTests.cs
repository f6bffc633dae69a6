using WestmontTextLine.Console.Charts;

namespace WestmontTextLine.Tests.Console.Charts;

/// <summary>
/// Each usage chart's numbers as a table under it: SVG text cannot wrap or take a reader's own spacing (WCAG 1.4.12),
/// and its long labels ran into their bars; a table can, and a screen reader steps through its rows.
/// </summary>
public sealed class ChartTableTests
{
    [Fact]
    public void The_table_has_a_caption_headings_and_a_row_for_each_bar_with_its_note()
    {
        var html = ChartTable.Html("Keywords, last 7 days", "Keyword", [("HELP", 2, null), ("STOP", 1, "(30007 x1)")]);

        Assert.StartsWith("<details class=\"chart-table\"><summary>Show the numbers<span class=\"visually-hidden\">: Keywords, last 7 days</span></summary>", html);
        Assert.Contains("<caption>Keywords, last 7 days</caption>", html);
        Assert.Contains("<th scope=\"col\">Keyword</th><th scope=\"col\">Count</th>", html);
        Assert.Contains("<tr><th scope=\"row\">HELP</th><td>2</td></tr>", html);
        Assert.Contains("<tr><th scope=\"row\">STOP</th><td>1 (30007 x1)</td></tr>", html);
    }

    [Fact]
    public void Labels_are_encoded_and_a_chart_with_no_rows_says_so()
    {
        Assert.Contains("<th scope=\"row\">a &lt;b&gt; &amp; c</th>", ChartTable.Html("t", "Node", [("a <b> & c", 1, null)]));
        Assert.Contains("<span class=\"visually-hidden\">: x &lt;y&gt;</span></summary>", ChartTable.Html("x <y>", "Node", []));
        var empty = ChartTable.Html("t", "Node", []);
        Assert.Contains("<p>No data.</p>", empty);
        Assert.DoesNotContain("<table>", empty);
    }

    [Fact]
    public void With_its_chart_the_table_follows_the_drawing()
    {
        var both = ChartTable.WithChart("Texts per day", "Day", [("Thu Nov 26", 6, "(2 new)")]);

        Assert.True(both.IndexOf("</svg>", StringComparison.Ordinal) < both.IndexOf("<details", StringComparison.Ordinal));
        Assert.Contains("<td>6 (2 new)</td>", both);
    }
}
