namespace WestmontTextLine.Scheduling;

/// <summary>One queued item of a kind.</summary>
/// <param name="Id">The feature's own id for it.</param>
/// <param name="DueAt">When it is due; while a claim holds it, when that claim's lease ends.</param>
/// <param name="Attempts">How many times it was rescheduled (0 until the first failed try).</param>
/// <param name="FirstDueAt">
/// The earliest due time it was scheduled for; claims and reschedules leave it alone, so a feature can give up a set
/// time after its work first fell due (a deletion retried for 14 days).
/// </param>
/// <param name="Payload">The bytes last given with it, or null when none were.</param>
/// <param name="Leased">
/// A claim holds it, or held it and the lease ran out, and it has not been rescheduled since. In what a claim returns
/// (items as they were just before it), true means an earlier claimer neither completed nor rescheduled it in time:
/// it died or overran, and its work may have been partly done.
/// </param>
public sealed record ScheduledItem(string Id, DateTimeOffset DueAt, int Attempts, DateTimeOffset FirstDueAt, byte[]? Payload, bool Leased);
