namespace WestmontTextLine.Flows;

/// <summary>One organisation in the referral directory. Answers name it by id and never copy its number.</summary>
public sealed record Referral(
    string Id,
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    string? Phone,
    string? TextNumber,
    string? TextKeyword,
    string? Website,
    string Source,
    string Confidence,
    bool VerifyBeforeLaunch)
{
    /// <summary>
    /// Every way to reach it, as the pre-launch checklist lists them for checking (`check` and the console's Content
    /// health page): "phone 630-682-7400, text REACH to 741741, website dupagehealth.org".
    /// </summary>
    public string ContactText()
    {
        var parts = new List<string>(3);
        if (Phone is not null) parts.Add($"phone {Phone}");
        if (TextNumber is not null) parts.Add($"text {TextKeyword} to {TextNumber}");
        if (Website is not null) parts.Add($"website {Website}");
        return parts.Count == 0 ? "no number or website" : string.Join(", ", parts);
    }
}
