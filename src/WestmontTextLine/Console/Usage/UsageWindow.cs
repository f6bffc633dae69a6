using System.Globalization;
using WestmontTextLine.Flows;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Console.Usage;

/// <summary>The counts of a window of days (7 or 30), shaped for charts: the same facts `stats` prints.</summary>
public sealed class UsageWindow(IReadOnlyList<UsageCount> counts, DateOnly today, int days, LanguageFlow language)
{
    private readonly List<UsageCount> _window = counts.Where(c => c.Day > today.AddDays(-days) && c.Day <= today).ToList();

    public int Days => days;
    public DateOnly From => today.AddDays(1 - days);
    public long Texts => Total(UsageMetrics.Texts);
    public long Conversations => Total(UsageMetrics.Conversations);

    public IReadOnlyList<(string, long, string?)> PerDay()
    {
        var rows = new List<(string, long, string?)>();
        for (var day = From; day <= today; day = day.AddDays(1))
        {
            var started = Count(day, UsageMetrics.Conversations);
            rows.Add(($"{day.ToString("ddd MMM d", CultureInfo.InvariantCulture)}", Count(day, UsageMetrics.Texts), started == 0 ? null : $"({started} new)"));
        }
        return rows;
    }

    public IReadOnlyList<(string, long, string?)> NodeVisits(out IReadOnlyList<string> notVisited)
    {
        var visits = Prefixed(UsageMetrics.NodePrefix);
        notVisited = [.. language.Nodes.Keys.Where(id => !visits.ContainsKey(id))];
        return [.. visits.OrderByDescending(v => v.Value)
            .Select(v => ($"{v.Key} ({language.Nodes.GetValueOrDefault(v.Key)?.Label ?? "start"})", v.Value, (string?)null))];
    }

    public IReadOnlyList<(string, long, string?)> Keywords() =>
        [.. UsageMetrics.CountedKeywords.Values.Select(name => (name.ToUpperInvariant(), Total(UsageMetrics.KeywordPrefix + name), (string?)null))];

    public IReadOnlyList<(string, long, string?)> Deliveries() =>
        [.. DeliveryMetrics.Outcomes.Select(outcome => (outcome.Name, Total(DeliveryMetrics.Prefix + outcome.Status), (string?)null))];

    /// <summary>Each answer with a reply undelivered or failed, and the carriers' codes for it.</summary>
    public IReadOnlyList<(string, long, string?)> NotDelivered()
    {
        var byLabel = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var status in new[] { "undelivered", "failed" })
        {
            foreach (var (label, count) in Prefixed($"{DeliveryMetrics.Prefix}{status}:")) byLabel[label] = byLabel.GetValueOrDefault(label) + count;
        }
        return [.. byLabel.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value, Codes(p.Key)))];
    }

    public IReadOnlyList<(string, long, string?)> CheckIns() => [.. CheckInMetrics.All.Select(m => (m.Label, Total(m.Metric), (string?)null))];

    public IReadOnlyList<(string, long, string?)> SentFirst() =>
        [.. OutboundMetrics.Totals(_window).Select(total => (total.Label, total.Count, (string?)null))];

    public IReadOnlyList<(string, long, string?)> ProviderDeletion() =>
    [
        ("deleted at Twilio", Total(ProviderDeletionMetrics.Deleted), null),
        ("given up (14 days)", Total(ProviderDeletionMetrics.GivenUp), null),
    ];

    private string? Codes(string label)
    {
        var suffix = ":" + label;
        var codes = _window.Where(c => c.Metric.StartsWith(DeliveryMetrics.ErrorPrefix, StringComparison.Ordinal) && c.Metric.EndsWith(suffix, StringComparison.Ordinal))
            .GroupBy(c => c.Metric[DeliveryMetrics.ErrorPrefix.Length..^suffix.Length])
            .Select(g => $"{g.Key} x{g.Sum(c => c.Count)}")
            .ToList();
        return codes.Count == 0 ? null : "(" + string.Join(", ", codes) + ")";
    }

    private Dictionary<string, long> Prefixed(string prefix) => _window
        .Where(c => c.Metric.StartsWith(prefix, StringComparison.Ordinal) && !c.Metric[prefix.Length..].Contains(':'))
        .GroupBy(c => c.Metric[prefix.Length..])
        .ToDictionary(g => g.Key, g => g.Sum(c => c.Count));

    private long Total(string metric) => _window.Where(c => c.Metric == metric).Sum(c => c.Count);

    private long Count(DateOnly day, string metric) => _window.Where(c => c.Day == day && c.Metric == metric).Sum(c => c.Count);
}
