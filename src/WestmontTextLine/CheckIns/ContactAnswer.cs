namespace WestmontTextLine.CheckIns;

/// <summary>
/// A contact's text that took them off plans (a NO, a STOP, a "wrong number"), as noted on their record
/// (<see cref="ContactNumberRecord.AnsweredByText"/>): its MessageSid, the language it was answered in (none for a
/// STOP: the menu answers it), and for a NO or STOP how many plans it left. That text, run again after a version
/// conflict, finds it and answers, and counts, as its first run did.
/// </summary>
public sealed record ContactAnswer(string? MessageSid, string? Language, int DeclinedPlans = 0);
