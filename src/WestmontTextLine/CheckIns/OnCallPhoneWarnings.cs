using WestmontTextLine.Outbound;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// The on-call phone (CheckIn:StaffNumber) set to the line's own number (Twilio:From, when no Messaging Service picks
/// the sender): Twilio refuses a text to the number it is sent from, so every alert to the on-call phone would fail,
/// and nothing said so until a texter missed a check-in. A warning at start and in `check`: the line itself works.
/// Twilio's refusal is error 21266, "'To' and 'From' numbers cannot be the same" (https://www.twilio.com/docs/api/errors/21266).
/// </summary>
public static class OnCallPhoneWarnings
{
    public static IEnumerable<string> In(CheckInOptions checkIn, TwilioApiOptions twilio)
    {
        if (ContactNumbers.Staff(checkIn.StaffNumber) is not { } onCall) yield break;
        if (!string.IsNullOrWhiteSpace(twilio.MessagingServiceSid) || string.IsNullOrWhiteSpace(twilio.From)) yield break;
        if (onCall != twilio.From.Trim()) yield break;
        yield return "CheckIn:StaffNumber is the line's own number (Twilio:From): Twilio refuses a text to the number it is sent from, " +
            "so the on-call phone would get no alert when a texter misses a check-in or sends her code word. Set it to the on-call phone's own number.";
    }
}
