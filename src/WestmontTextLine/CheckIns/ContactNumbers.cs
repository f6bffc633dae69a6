using PhoneNumbers;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// The numbers the line will ask to be someone's safety contact: a valid US or Canadian number (libphonenumber),
/// never a short code, an emergency number, the texter's own number or the line's own.
/// </summary>
public static class ContactNumbers
{
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();
    private static readonly ShortNumberInfo ShortNumbers = ShortNumberInfo.GetInstance();
    private static readonly string[] Regions = ["US", "CA"];

    /// <summary>The number in E.164 (+16305550123), or null when it cannot be used.</summary>
    public static string? Usable(string typed, string texterNumber, IEnumerable<string?> lineNumbers)
    {
        var digits = new string(typed.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
        if (digits.Length < 10 || ShortNumbers.IsEmergencyNumber(digits, "US")) return null;
        PhoneNumber number;
        try
        {
            number = Numbers.Parse(digits, "US");
        }
        catch (NumberParseException)
        {
            return null;
        }
        if (!Numbers.IsValidNumber(number) || !Regions.Contains(Numbers.GetRegionCodeForNumber(number))) return null;
        var e164 = Numbers.Format(number, PhoneNumberFormat.E164);
        var taken = lineNumbers.Append(texterNumber).Select(Normalized);
        return taken.Contains(e164) ? null : e164;
    }

    /// <summary>
    /// The on-call number (CheckIn:StaffNumber) in E.164, or null when none is set or it cannot be a number to text.
    /// Looser than a texter's contact: the organisation chooses it, and may use any country or a provider's test
    /// number, so a number libphonenumber does not know is kept as written, in international form.
    /// </summary>
    public static string? Staff(string? configured) =>
        string.IsNullOrWhiteSpace(configured) || configured.Any(char.IsLetter) ? null : StaffNumber(configured);

    // Apart from Staff: the settings check and /healthz ask on every line, and one with no on-call phone never needs
    // libphonenumber (compiling a method that names its types loads it, about 0.4 MB mapped).
    private static string? StaffNumber(string configured)
    {
        var digits = new string(configured.Where(char.IsAsciiDigit).ToArray());
        if (ShortNumbers.IsEmergencyNumber(digits, "US") || digits.Length is < 10 or > 15) return null;
        try
        {
            var number = Numbers.Parse(configured.Trim(), "US");
            if (Numbers.IsValidNumber(number)) return Numbers.Format(number, PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
            // Kept as written below.
        }
        return configured.TrimStart().StartsWith('+') ? "+" + digits
            : digits.Length == 10 ? "+1" + digits
            : digits.Length == 11 && digits[0] == '1' ? "+" + digits
            : null;
    }

    private static string? Normalized(string? number)
    {
        if (string.IsNullOrWhiteSpace(number)) return null;
        try
        {
            return Numbers.Format(Numbers.Parse(number, "US"), PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
            return number;
        }
    }
}
