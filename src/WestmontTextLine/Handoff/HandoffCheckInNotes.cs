using WestmontTextLine.CheckIns;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Handoff;

/// <summary>
/// Her check-in lapsed while she has a chat open with staff: the chat says so, flagged urgent, so the person texting
/// with her knows she missed it (and whether her contact was texted) instead of seeing only her silence.
/// </summary>
public sealed class HandoffCheckInNotes(HandoffUrgentNotes notes, LineClock clock) : ICheckInMissedListener
{
    public Task CheckInMissedAsync(string texterKey, DateTimeOffset dueAt, bool contactAlerted, CancellationToken cancellationToken)
    {
        var what = contactAlerted ? "Her safety contact was texted." : "She was texted 911 and the hotline.";
        var note = $"Her safety check-in time ({clock.TimeOfDay(dueAt, Flows.Flow.DefaultLanguage)}) passed with no OK. {what}";
        return notes.NoteUrgentAsync(texterKey, note, cancellationToken);
    }
}
