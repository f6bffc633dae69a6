using WestmontTextLine.Logging;

namespace WestmontTextLine.Console.Inbox;

/// <summary>How long a texter has waited for an answer, as the inbox shows it: "under a minute", "4 min", "1 h 5 min".</summary>
public static class WaitingTime
{
    public static string Of(DateTimeOffset? waitingSince, DateTimeOffset now)
    {
        if (waitingSince is not { } since) return "answered";
        var waited = now - since;
        if (waited < TimeSpan.FromMinutes(1)) return "under a minute";
        return ReadableDuration.Of(TimeSpan.FromMinutes(Math.Floor(waited.TotalMinutes)));
    }
}
