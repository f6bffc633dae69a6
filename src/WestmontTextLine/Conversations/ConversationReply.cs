namespace WestmontTextLine.Conversations;

/// <summary>The reply to send (null for none), and whether it is the fallback given during a fault.</summary>
public sealed record ConversationReply(string? Text, bool Degraded = false);
