namespace WestmontTextLine.Usage;

/// <summary>The check-ins, counted by day and never by who: started, ended by OK, escalated, code words, contacts.</summary>
public static class CheckInMetrics
{
    public const string Started = "checkin:started";
    public const string EndedByOk = "checkin:ended_ok";
    public const string Escalated = "checkin:escalated";
    public const string CodeWord = "checkin:codeword";
    public const string ContactAsked = "checkin:contact_asked";
    public const string ContactAgreed = "checkin:contact_agreed";
    public const string ContactDeclined = "checkin:contact_declined";

    public static readonly IReadOnlyList<(string Metric, string Label)> All =
    [
        (Started, "started"), (EndedByOk, "ended by OK"), (Escalated, "escalated (no OK in time)"), (CodeWord, "code word sent"),
        (ContactAsked, "contacts asked"), (ContactAgreed, "contacts agreed"), (ContactDeclined, "contacts declined"),
    ];
}
