namespace WestmontTextLine.Usage;

/// <summary>Outbound texts by what they were (their label, a fixed name), counted by day: sent, suppressed (opted out), failed.</summary>
public static class OutboundMetrics
{
    public const string Prefix = "outbound:";

    public static string Sent(string label) => $"{Prefix}sent:{label}";

    public static string Suppressed(string label) => $"{Prefix}suppressed:{label}";

    public static string Failed(string label) => $"{Prefix}failed:{label}";
}
