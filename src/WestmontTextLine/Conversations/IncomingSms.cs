namespace WestmontTextLine.Conversations;

/// <summary>The fields of a Twilio text that the line uses. From is a phone number: it never leaves this record unhashed.</summary>
public sealed record IncomingSms(string From, string Body, string? MessageSid, string? OptOutType = null);

/// <summary>The reply to send (null for none), and whether it is the fallback given during a fault.</summary>
public sealed record ConversationReply(string? Text, bool Degraded = false);
