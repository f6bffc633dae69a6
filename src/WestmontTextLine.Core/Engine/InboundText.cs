namespace WestmontTextLine.Engine;

/// <summary>
/// One text as the engine sees it. The sender is already a keyed hash; nothing here is a phone number.
/// CarrierOptOut carries Twilio Advanced Opt-Out's OptOutType (STOP, START, HELP) when Twilio already answered.
/// HasMedia says the text came with a picture or file (an MMS: Twilio's NumMedia above 0), which the line does not read.
/// </summary>
public sealed record InboundText(string Body, string? MessageSid, DateTimeOffset ReceivedAt, string? CarrierOptOut = null, bool HasMedia = false);
