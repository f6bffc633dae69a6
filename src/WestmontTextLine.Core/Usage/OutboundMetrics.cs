namespace WestmontTextLine.Usage;

/// <summary>
/// Outbound texts by what they were (their label, a fixed name), counted by day: sent, suppressed (the line held it
/// back: the number opted out), failed (given up), and refused because the number opted out at its carrier (Twilio's
/// 21610: her own choice, not the line failing).
/// </summary>
public static class OutboundMetrics
{
    public const string Prefix = "outbound:";

    public static string Sent(string label) => $"{Prefix}sent:{label}";

    public static string Suppressed(string label) => $"{Prefix}suppressed:{label}";

    public static string Failed(string label) => $"{Prefix}failed:{label}";

    public static string OptedOutAtCarrier(string label) => $"{Prefix}opted_out_at_carrier:{label}";

    /// <summary>How `stats` and the console name a text Twilio refused with 21610, sent first or a reply alike.</summary>
    public const string OptedOutAtCarrierName = "refused: opted out at the carrier (21610)";

    /// <summary>Each kind's metric prefix (before the label) and how `stats` names it.</summary>
    public static readonly IReadOnlyList<(string Prefix, string Label)> Kinds =
    [
        (Sent(""), "sent"), (Suppressed(""), "not sent: opted out"), (Failed(""), "failed (given up)"),
        (OptedOutAtCarrier(""), OptedOutAtCarrierName),
    ];

    /// <summary>
    /// The outbound texts of a window of days by kind, every label added up, in the order of <see cref="Kinds"/>:
    /// the rows `stats` and the console's Usage page both show.
    /// </summary>
    public static IReadOnlyList<(string Label, long Count)> Totals(IEnumerable<UsageCount> window)
    {
        var counts = window.ToList();
        return [.. Kinds.Select(kind => (kind.Label,
            counts.Where(c => c.Metric.StartsWith(kind.Prefix, StringComparison.Ordinal)).Sum(c => c.Count)))];
    }
}
