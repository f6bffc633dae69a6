namespace WestmontTextLine.Outbound;

/// <summary>
/// Whether a sender's address, as Twilio gives it in From, is a phone number the line can text first by SMS: E.164,
/// a + and 8 to 15 digits, from any country. Twilio also gives channel addresses ("whatsapp:+1...", "messenger:...",
/// "rcs:..."), short codes and senders' names: a reply to their text reaches them, a text of the line's own would be
/// refused (from an SMS number to a WhatsApp address) or has nowhere to go.
/// </summary>
public static class PhoneNumberAddress
{
    public static bool Is(string? from)
    {
        var address = from.AsSpan().Trim();
        if (address.Length is < 9 or > 16 || address[0] != '+' || address[1] == '0') return false;
        foreach (var c in address[1..])
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return true;
    }
}
