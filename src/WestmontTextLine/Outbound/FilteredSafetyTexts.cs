namespace WestmontTextLine.Outbound;

/// <summary>
/// The line's own safety texts (the check-in text, a missed check-in's texts, the alerts: <see cref="OutboxPriority"/>'s
/// urgent labels but a staff reply, whose words staff see and change) that a carrier filtered (30007) in the last day,
/// for /healthz and the log. Their words are fixed in the flow files, so the next one is filtered too: a content
/// editor must reword it. Per instance, as the status callbacks reach it.
/// </summary>
public sealed class FilteredSafetyTexts(TimeProvider time)
{
    public const int FilteredCode = 30007;
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);

    public static bool IsSafetyText(string label) => OutboxPriority.IsUrgent(label) && label != Handoff.HandoffOutboxIds.Label;

    /// <summary>Returns true when this label was not filtered in the last day, so it is logged once, not once a text.</summary>
    public bool Filtered(string label)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var first = !_last.TryGetValue(label, out var at) || now - at >= Window;
            _last[label] = now;
            return first;
        }
    }

    public string? Describe()
    {
        var since = time.GetUtcNow() - Window;
        lock (_gate)
        {
            var labels = _last.Where(entry => entry.Value > since).Select(entry => entry.Key).Order(StringComparer.Ordinal).ToList();
            return labels.Count == 0
                ? null
                : $"a carrier filtered the line's safety text(s) {string.Join(", ", labels)} in the last day ({FilteredCode}): reword them in the flow files (see stats)";
        }
    }
}
