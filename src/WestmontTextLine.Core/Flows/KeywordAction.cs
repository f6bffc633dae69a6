namespace WestmontTextLine.Flows;

/// <summary>What a global keyword does. The words themselves live in the flow files.</summary>
public enum KeywordAction
{
    None, Menu, Back, Help, Stop, Start, Forget, Language, Hello, Emergency,

    /// <summary>The safety check-in's words: the host handles them (the engine passes them on to the menu).</summary>
    Check, Safe, Buddy, BuddyOff, CodeWord, Decline,

    /// <summary>"not ok", "nope": her answer to a check-in text that she is not all right (the host's; the menu's otherwise).</summary>
    NotSafe,

    /// <summary>
    /// "y", "yeah", "k": a yes in her own words, which answers only her check-in text waiting for her OK (as YES does);
    /// the menu's otherwise, and never a contact's agreement (only YES agrees).
    /// </summary>
    CheckInYes,

    /// <summary>Talk to a person: the engine shows the talk node (<see cref="Flow.TalkNode"/>), and the host takes over from there.</summary>
    Talk,
}

public static class KeywordActions
{
    public static readonly IReadOnlyDictionary<string, KeywordAction> ByYamlName = new Dictionary<string, KeywordAction>
    {
        ["menu"] = KeywordAction.Menu,
        ["back"] = KeywordAction.Back,
        ["help"] = KeywordAction.Help,
        ["stop"] = KeywordAction.Stop,
        ["start"] = KeywordAction.Start,
        ["forget"] = KeywordAction.Forget,
        ["language"] = KeywordAction.Language,
        ["hello"] = KeywordAction.Hello,
        ["emergency"] = KeywordAction.Emergency,
        ["check"] = KeywordAction.Check,
        ["safe"] = KeywordAction.Safe,
        ["buddy"] = KeywordAction.Buddy,
        ["buddy_off"] = KeywordAction.BuddyOff,
        ["codeword"] = KeywordAction.CodeWord,
        ["decline"] = KeywordAction.Decline,
        ["not_safe"] = KeywordAction.NotSafe,
        ["check_in_yes"] = KeywordAction.CheckInYes,
        ["talk"] = KeywordAction.Talk,
    };
}
