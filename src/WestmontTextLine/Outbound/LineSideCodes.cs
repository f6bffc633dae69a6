namespace WestmontTextLine.Outbound;

/// <summary>
/// Error codes Twilio gives a text it had accepted (in its status callback) for the line's own number or account,
/// whoever the text was to: 30002 the account suspended, 30010 a price above the account's maximum, 30032 a toll-free
/// number not verified, 30034 a long code not registered for A2P 10DLC. Every text fails alike until the operator
/// acts, so none of them says anything about the person's number: a safety contact is not taken off her plan for one.
/// </summary>
public static class LineSideCodes
{
    /// <summary>What the code says about the line, in words for the operator and staff; null for any other code.</summary>
    public static string? Meaning(int? code) => code switch
    {
        30002 => "the Twilio account is suspended",
        30010 => "the message price is above the account's maximum price",
        30032 => "the line's toll-free number is not verified",
        30034 => "the line's number is not registered for A2P 10DLC",
        _ => null,
    };

    public static bool Is(int? code) => Meaning(code) is not null;
}
