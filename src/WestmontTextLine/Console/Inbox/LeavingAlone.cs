using WestmontTextLine.Handoff;

namespace WestmontTextLine.Console.Inbox;

/// <summary>
/// What going off shift would leave with no one: the open conversations when the staff member pressing the button is
/// the last one on shift. The shift button asks before it takes her off ("Go off shift anyway"), because texters in
/// those chats were told someone will text back, and no one would be watching the inbox.
/// </summary>
public sealed record LeavingAlone(int Open, int Waiting, int Urgent, int Hers, TimeSpan IdleClose)
{
    /// <summary>What <paramref name="staff"/>, the last one on shift, would leave; null when no conversation is open.</summary>
    public static LeavingAlone? Of(string staff, IReadOnlyList<InboxConversation> open, TimeSpan idleClose)
    {
        var stillOpen = open.Where(c => c.State == InboxConversationState.Open).ToList();
        if (stillOpen.Count == 0) return null;
        return new LeavingAlone(
            stillOpen.Count,
            stillOpen.Count(c => c.WaitingSince is not null),
            stillOpen.Count(c => c.Urgent),
            stillOpen.Count(c => string.Equals(c.ClaimedBy, staff, StringComparison.OrdinalIgnoreCase)),
            idleClose);
    }

    public static bool IsLastOnShift(string staff, IReadOnlyList<string> onShift) =>
        onShift.Count == 1 && string.Equals(onShift[0], staff, StringComparison.OrdinalIgnoreCase);

    /// <summary>"3 conversations are open (2 waiting for an answer, 1 urgent, 1 of them yours)".</summary>
    public string Summary
    {
        get
        {
            var parts = new List<string>(3);
            if (Waiting > 0) parts.Add($"{Waiting} waiting for an answer");
            if (Urgent > 0) parts.Add($"{Urgent} urgent");
            if (Hers > 0) parts.Add(Hers == Open ? (Open == 1 ? "yours" : "all of them yours") : $"{Hers} of them yours");
            var count = Open == 1 ? "1 conversation is open" : $"{Open} conversations are open";
            return parts.Count == 0 ? count : $"{count} ({string.Join(", ", parts)})";
        }
    }

    /// <summary>"30 minutes": how long an open conversation with no text either way stays open (Handoff:IdleClose).</summary>
    public string IdleCloseText => IdleClose == TimeSpan.FromMinutes(1) ? "1 minute" : $"{IdleClose.TotalMinutes:0} minutes";
}
