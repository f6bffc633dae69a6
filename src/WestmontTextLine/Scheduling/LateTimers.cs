namespace WestmontTextLine.Scheduling;

/// <summary>
/// How late a timer of the line may still text someone. A timer found later than this fell due while the line was
/// down for longer (or its store did not answer), or comes from a copy of the store put back after the fact, in which
/// a check-in she ended with OK, or a chat that closed, is still running: a check-in text, an alert to her contact or
/// a closing text then would be hours or days late, and may be about something that ended long ago. Such a timer
/// ends without its texts. An outage or a restart of the line is minutes.
/// </summary>
public static class LateTimers
{
    public static readonly TimeSpan After = TimeSpan.FromHours(1);
}
