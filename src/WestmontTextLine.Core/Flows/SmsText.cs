namespace WestmontTextLine.Flows;

/// <summary>
/// The SMS text rules: which characters fit the GSM-7 alphabet and how many segments a reply costs.
/// One non-GSM character turns a whole message into UCS-2 (70 characters a segment instead of 160).
/// </summary>
public static class SmsText
{
    public const int SingleSegmentSeptets = 160;
    public const int MultiSegmentSeptets = 153;
    public const int SingleSegmentUcs2 = 70;
    public const int MultiSegmentUcs2 = 67;
    public const int TargetSegments = 2;
    public const int MaxSegments = 3;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // Extension characters cost an escape septet plus their own.
    private const string Extension = "^{}\\[~]|€\f";

    private static readonly HashSet<char> BasicSet = [.. Basic];
    private static readonly HashSet<char> ExtensionSet = [.. Extension];

    public static bool IsGsm7(char c) => BasicSet.Contains(c) || ExtensionSet.Contains(c);

    public static bool IsGsm7(string text)
    {
        foreach (var c in text)
        {
            if (!IsGsm7(c)) return false;
        }
        return true;
    }

    /// <summary>The first character that would force UCS-2, or null when the text is all GSM-7.</summary>
    public static char? FirstNonGsm7(string text)
    {
        foreach (var c in text)
        {
            if (!IsGsm7(c)) return c;
        }
        return null;
    }

    /// <summary>Length in GSM-7 septets: extension characters count twice.</summary>
    public static int Septets(string text)
    {
        var count = 0;
        foreach (var c in text) count += ExtensionSet.Contains(c) ? 2 : 1;
        return count;
    }

    public static SmsEncoding EncodingOf(string text) => IsGsm7(text) ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2;

    public static int Segments(string text)
    {
        if (text.Length == 0) return 1;
        if (IsGsm7(text))
        {
            var septets = Septets(text);
            return septets <= SingleSegmentSeptets ? 1 : (septets + MultiSegmentSeptets - 1) / MultiSegmentSeptets;
        }
        // UTF-16 code units approximate UCS-2 length; surrogate pairs count as two, as carriers count them.
        return text.Length <= SingleSegmentUcs2 ? 1 : (text.Length + MultiSegmentUcs2 - 1) / MultiSegmentUcs2;
    }

    /// <summary>The most septets a GSM-7 reply may take within the given number of segments.</summary>
    public static int SeptetBudget(int segments) =>
        segments <= 1 ? SingleSegmentSeptets : segments * MultiSegmentSeptets;
}

public enum SmsEncoding { Gsm7, Ucs2 }
