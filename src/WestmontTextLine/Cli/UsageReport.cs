using System.Globalization;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Cli;

/// <summary>
/// The counts as a reader wants them: for the last 7 and the last 30 days, texts and new conversations per day,
/// then visits per menu node and per keyword, each as a bar chart, then the delivery of replies, the check-ins, and the
/// texts the line sent first.
/// </summary>
public sealed class UsageReport(
    IReadOnlyList<UsageCount> counts, DateOnly today, IReadOnlyList<(string Id, string Label)> nodes, long? waitingDeletions = null,
    string timeZone = "UTC")
{
    public static readonly int[] Windows = [7, 30];

    public async Task WriteAsync(TextWriter output)
    {
        await output.WriteLineAsync($"Usage of the line up to {Day(today)}: anonymous counts (no phone numbers, no messages), days in {timeZone}.");
        foreach (var days in Windows)
        {
            var from = today.AddDays(1 - days);
            var window = counts.Where(c => c.Day >= from && c.Day <= today).ToList();
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Last {days} days ({Day(from)} to {Day(today)}): " +
                $"{Plural(Total(window, UsageMetrics.Texts), "text")}, {Plural(Total(window, UsageMetrics.Conversations), "new conversation")}");
            await SectionAsync(output, "Texts per day, and new conversations", PerDay(window, from));
            await SectionAsync(output, "Visits per menu node", NodeVisits(window, out var unvisited));
            if (unvisited.Count > 0) await WrappedAsync(output, "not visited: ", unvisited);
            await SectionAsync(output, "Keywords", Keywords(window));
            await DeliverySection.WriteAsync(output, window, waitingDeletions);
            await SectionAsync(output, "Safety check-ins (counts only, never who)",
                [.. CheckInMetrics.All.Select(m => new BarChartRow(m.Label, Total(window, m.Metric)))]);
            await SectionAsync(output, "Texts the line sent first (check-ins, alerts, staff replies)",
                [.. OutboundMetrics.Totals(window).Select(total => new BarChartRow(total.Label, total.Count))]);
        }
    }

    private static async Task SectionAsync(TextWriter output, string title, IReadOnlyList<BarChartRow> rows)
    {
        await output.WriteLineAsync($"  {title}");
        if (rows.Count == 0) await output.WriteLineAsync("    (none)");
        await BarChart.WriteAsync(output, rows);
    }

    private List<BarChartRow> PerDay(List<UsageCount> window, DateOnly from)
    {
        var rows = new List<BarChartRow>();
        for (var day = from; day <= today; day = day.AddDays(1))
        {
            var label = $"{day.ToString("ddd", CultureInfo.InvariantCulture)} {Day(day)}";
            var started = Count(window, day, UsageMetrics.Conversations);
            rows.Add(new(label, Count(window, day, UsageMetrics.Texts), started == 0 ? null : $"({started} new)"));
        }
        return rows;
    }

    private static async Task WrappedAsync(TextWriter output, string title, IReadOnlyList<string> words)
    {
        const int width = 100;
        var line = new System.Text.StringBuilder("    ").Append(title);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i] + (i < words.Count - 1 ? "," : "");
            if (line.Length + word.Length + 1 > width)
            {
                await output.WriteLineAsync(line.ToString().TrimEnd());
                line.Clear().Append("      ");
            }
            line.Append(word).Append(' ');
        }
        await output.WriteLineAsync(line.ToString().TrimEnd());
    }

    private List<BarChartRow> NodeVisits(List<UsageCount> window, out List<string> unvisited)
    {
        var visits = window
            .Where(c => c.Metric.StartsWith(UsageMetrics.NodePrefix, StringComparison.Ordinal))
            .GroupBy(c => c.Metric[UsageMetrics.NodePrefix.Length..])
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var labels = nodes.ToDictionary(n => n.Id, n => n.Label);
        // Nodes no longer in the flows keep their counts, shown by id.
        var ids = nodes.Select(n => n.Id).Concat(visits.Keys.Where(id => !labels.ContainsKey(id)).Order(StringComparer.Ordinal));
        var idWidth = nodes.Select(n => n.Id.Length).Concat(visits.Keys.Select(k => k.Length)).DefaultIfEmpty(0).Max();
        unvisited = [.. nodes.Select(n => n.Id).Where(id => !visits.ContainsKey(id))];
        return ids
            .Where(visits.ContainsKey)
            .Select(id => new BarChartRow($"{id.PadRight(idWidth)}  {labels.GetValueOrDefault(id, "")}".TrimEnd(), visits[id]))
            .OrderByDescending(row => row.Count)
            .ToList();
    }

    private static List<BarChartRow> Keywords(List<UsageCount> window) =>
        [.. UsageMetrics.CountedKeywords.Values.Select(name =>
            new BarChartRow(name.ToUpperInvariant(), window.Where(c => c.Metric == UsageMetrics.KeywordPrefix + name).Sum(c => c.Count)))];

    private static long Total(List<UsageCount> window, string metric) => window.Where(c => c.Metric == metric).Sum(c => c.Count);

    private static long Count(List<UsageCount> window, DateOnly day, string metric) =>
        window.Where(c => c.Day == day && c.Metric == metric).Sum(c => c.Count);

    private static string Plural(long n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
