using WestmontTextLine.Records;

namespace WestmontTextLine.Outbound;

/// <summary>
/// The line's own safety texts (the check-in text, a missed check-in's texts, the alerts: <see cref="OutboxPriority"/>'s
/// urgent labels but a staff reply, whose words staff see and change) that a carrier filtered (30007) in the last day,
/// for /healthz and the log. Their words are fixed in the flow files, so the next one is filtered too: a content
/// editor must reword it. Kept in the store, one record a label (<see cref="FailureInLastDay"/>), so every instance
/// says it, and after a restart too.
/// </summary>
public sealed class FilteredSafetyTexts
{
    public const int FilteredCode = 30007;
    private readonly IReadOnlyList<(string Label, FailureInLastDay Failure)> _labels;

    public FilteredSafetyTexts(IPrivateRecords records, TimeProvider time, ILogger<FilteredSafetyTexts> logger) =>
        _labels = OutboxPriority.UrgentLabels.Where(IsSafetyText).Order(StringComparer.Ordinal)
            .Select(label => (label, new FailureInLastDay(records, $"filtered-{label}", time, logger))).ToList();

    public static bool IsSafetyText(string label) => OutboxPriority.IsUrgent(label) && label != Handoff.HandoffOutboxIds.Label;

    /// <summary>Returns true when this label was not filtered in the last day, so it is logged once, not once a text.</summary>
    public Task<bool> FilteredAsync(string label, CancellationToken cancellationToken = default) =>
        _labels.Single(entry => entry.Label == label).Failure.NoteAsync(FilteredCode, cancellationToken);

    public async Task<string?> DescribeAsync(CancellationToken cancellationToken = default)
    {
        var labels = new List<string>();
        foreach (var (label, failure) in _labels)
            if (await failure.LastAsync(cancellationToken) is not null) labels.Add(label);
        return labels.Count == 0
            ? null
            : $"a carrier filtered the line's safety text(s) {string.Join(", ", labels)} in the last day ({FilteredCode}): reword them in the flow files (see stats)";
    }
}
