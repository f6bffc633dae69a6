using System.Globalization;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Cli;

/// <summary>
/// The "Delivery" part of `stats`: how the replies fared at the carriers (totals, then each answer with a reply
/// filtered or failed and its error codes), and the provider-deletion queue. Counts by answer, never by person.
/// </summary>
public static class DeliverySection
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<UsageCount> window, long? waitingDeletions)
    {
        await output.WriteLineAsync("  Delivery of replies (from Twilio's status callbacks)");
        var totals = DeliveryMetrics.Outcomes
            .Select(outcome => new BarChartRow(outcome.Name, Sum(window, DeliveryMetrics.Prefix + outcome.Status)))
            .ToList();
        if (totals.All(row => row.Count == 0)) await output.WriteLineAsync("    (none reported)");
        else await BarChart.WriteAsync(output, totals);

        var notDelivered = NotDeliveredByAnswer(window);
        if (notDelivered.Count > 0)
        {
            await output.WriteLineAsync("  Not delivered, by answer (undelivered or failed), with the carriers' error codes");
            await BarChart.WriteAsync(output, notDelivered);
        }

        await output.WriteLineAsync("  Provider deletion (messages deleted at Twilio once final)");
        await BarChart.WriteAsync(output,
        [
            new BarChartRow("deleted", Sum(window, ProviderDeletionMetrics.Deleted)),
            new BarChartRow("given up", Sum(window, ProviderDeletionMetrics.GivenUp), "(still not final after 14 days)"),
        ]);
        await output.WriteLineAsync(waitingDeletions is { } waiting
            ? $"    waiting now: {waiting}"
            : "    waiting now: (provider deletion is off)");
    }

    private static List<BarChartRow> NotDeliveredByAnswer(IReadOnlyList<UsageCount> window)
    {
        var byLabel = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var status in new[] { "undelivered", "failed" })
        {
            var prefix = $"{DeliveryMetrics.Prefix}{status}:";
            foreach (var count in window.Where(c => c.Metric.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var label = count.Metric[prefix.Length..];
                byLabel[label] = byLabel.GetValueOrDefault(label) + count.Count;
            }
        }
        return byLabel
            .OrderByDescending(pair => pair.Value)
            .Select(pair => new BarChartRow(pair.Key, pair.Value, CodesOf(window, pair.Key)))
            .ToList();
    }

    private static string? CodesOf(IReadOnlyList<UsageCount> window, string label)
    {
        var codes = window
            .Where(c => c.Metric.StartsWith(DeliveryMetrics.ErrorPrefix, StringComparison.Ordinal) && c.Metric.EndsWith(":" + label, StringComparison.Ordinal))
            .GroupBy(c => c.Metric[DeliveryMetrics.ErrorPrefix.Length..^(label.Length + 1)])
            .Select(g => $"{g.Key} x{g.Sum(c => c.Count)}{Meaning(g.Key)}")
            .ToList();
        return codes.Count == 0 ? null : "(" + string.Join(", ", codes) + ")";
    }

    private static string Meaning(string code) =>
        int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && DeliveryMetrics.KnownErrors.TryGetValue(number, out var meaning)
            ? $" {meaning}"
            : "";

    private static long Sum(IReadOnlyList<UsageCount> window, string metric) => window.Where(c => c.Metric == metric).Sum(c => c.Count);
}
