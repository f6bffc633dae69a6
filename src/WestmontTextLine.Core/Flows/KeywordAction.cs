namespace WestmontTextLine.Flows;

/// <summary>What a global keyword does. The words themselves live in the flow files.</summary>
public enum KeywordAction { None, Menu, Back, Help, Stop, Start, Forget, Language, Hello, Emergency }

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
    };
}
