namespace WestmontTextLine.Conversations;

/// <summary>
/// The reply to send (null for none), whether it is the fallback given during a fault, and what it was (a node or a
/// fixed reply, from a closed set: see DeliveryMetrics), for its delivery status.
/// </summary>
public sealed record ConversationReply(string? Text, bool Degraded = false, string Label = "other")
{
    public const string FallbackLabel = "fallback";

    /// <summary>True for the safety fallback, which the store's fault made her text get in place of its answer.</summary>
    public bool IsFallback => Label == FallbackLabel;

    /// <summary>The safety fallback (911, the hotline, "text again later") for a text the line could not run.</summary>
    public static ConversationReply Fallback(string text) => new(text, Degraded: true, Label: FallbackLabel);
}
