namespace WestmontTextLine.Flows;

/// <summary>
/// Lists of words and phrases the engine tries in turn, kept longest first, so that a phrase wins over a shorter word
/// inside it; those of one length stay in the order they came (as a stable sort would leave them).
/// </summary>
internal static class LongestFirst
{
    public static void Insert(List<string> texts, string text)
    {
        var at = 0;
        while (at < texts.Count && texts[at].Length >= text.Length) at++;
        texts.Insert(at, text);
    }
}
