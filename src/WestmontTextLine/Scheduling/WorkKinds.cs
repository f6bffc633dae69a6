namespace WestmontTextLine.Scheduling;

/// <summary>The kinds of scheduled work, one per feature, named here so that no two features share a kind.</summary>
public static class WorkKinds
{
    /// <summary>A message to delete at the provider once it is final (the id is its SID).</summary>
    public const string Delete = "delete";

    /// <summary>An outbound text to send.</summary>
    public const string Send = "send";

    /// <summary>A number that texted FORGET: the outbox's texts to it are withdrawn (its keyed hash, encrypted, in the payload).</summary>
    public const string Forget = "forget";

    /// <summary>A safety check-in timer.</summary>
    public const string CheckIn = "checkin";

    /// <summary>A conversation with staff: its idle close while open, its deletion once closed (the id is the conversation's).</summary>
    public const string Handoff = "handoff";

    /// <summary>A check that a conversation's staff replies reached the outbox (the id is the conversation's).</summary>
    public const string StaffReplyCheck = "handoff-reply";
}
