namespace WestmontTextLine.Console.Inbox;

/// <summary>How long a texter has waited for an answer, as the inbox shows it: "under a minute", "4 min", "1 h 05 min".</summary>
public static class WaitingTime
{
    public static string Of(DateTimeOffset? waitingSince, DateTimeOffset now)
    {
        if (waitingSince is not { } since) return "answered";
        var waited = now - since;
        if (waited < TimeSpan.FromMinutes(1)) return "under a minute";
        if (waited < TimeSpan.FromHours(1)) return $"{(int)waited.TotalMinutes} min";
        return $"{(int)waited.TotalHours} h {waited.Minutes:D2} min";
    }
}
