using WestmontTextLine.Flows;

namespace WestmontTextLine.Handoff;

/// <summary>A staff reply as the texter will get it: GSM-7 as the flows are written, trimmed, at most three segments; else none.</summary>
public static class StaffReply
{
    public static string? Normalize(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        var text = Gsm7Text.Normalize(body).Trim();
        return text.Length > 0 && SmsText.IsGsm7(text) && SmsText.Segments(text) <= SmsText.MaxSegments ? text : null;
    }
}
