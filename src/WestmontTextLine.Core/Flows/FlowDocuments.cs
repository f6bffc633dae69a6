namespace WestmontTextLine.Flows;

// The shapes of flows/*.yaml exactly as editors write them. They are mutable only so YamlDotNet can fill them;
// the loader validates them and builds the immutable Flow from them.

public sealed class LanguageDocument
{
    public string? Language { get; set; }
    public string? Start { get; set; }
    public Dictionary<string, string> Messages { get; set; } = [];
    public Dictionary<string, List<string>> Keywords { get; set; } = [];
    public Dictionary<string, NodeDocument?> Nodes { get; set; } = [];
    public Dictionary<string, List<string>> Distress { get; set; } = [];
    public List<string> NotDistress { get; set; } = [];
    public List<string> SensitiveWords { get; set; } = [];

    /// <summary>What a number asked to be a safety contact writes when it is not theirs (recognition words, never sent).</summary>
    public List<string> WrongNumber { get; set; } = [];

    /// <summary>A whole text that thanks or closes ("thanks", "bye"): recognition words, never sent.</summary>
    public List<string> Courtesy { get; set; } = [];

    /// <summary>Common words only this language uses, which tell a first text's language when it has no keyword.</summary>
    public List<string> LanguageWords { get; set; } = [];
    public ReadingLevelDocument? ReadingLevel { get; set; }

    /// <summary>The line of each message's and node's key, for the problems found in them.</summary>
    public Dictionary<string, int> MessageLines { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> NodeLines { get; } = new(StringComparer.Ordinal);
}

public sealed class ReadingLevelDocument
{
    public double? MaxGrade { get; set; }
    public double? MinEase { get; set; }
}

public sealed class NodeDocument
{
    public string? Label { get; set; }
    public string? Text { get; set; }
    public List<string> Options { get; set; } = [];
    public List<string> Referrals { get; set; } = [];
    public List<string> Topics { get; set; } = [];
}

public sealed class ReferralsDocument
{
    public Dictionary<string, ReferralDocument?> Referrals { get; set; } = [];

    /// <summary>The line of each referral's key, for the problems found in it.</summary>
    public Dictionary<string, int> ReferralLines { get; } = new(StringComparer.Ordinal);
}

public sealed class ReferralDocument
{
    public string? Name { get; set; }
    public Dictionary<string, string> Label { get; set; } = [];
    public string? Phone { get; set; }
    public string? TextNumber { get; set; }
    public string? TextKeyword { get; set; }
    public string? Website { get; set; }
    public string? Source { get; set; }
    public string? Confidence { get; set; }
    public bool? VerifyBeforeLaunch { get; set; }
}
