namespace WestmontTextLine.Console.Inbox;

/// <summary>A texter's language as staff read it ("Spanish"), from the flow's language code.</summary>
public static class LanguageNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "English",
        ["es"] = "Spanish",
    };

    public static string Of(string code) => Names.TryGetValue(code, out var name) ? name : code.ToUpperInvariant();
}
