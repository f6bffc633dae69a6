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
    bool VerifyBeforeLaunch);
