using WestmontTextLine.Flows;

namespace WestmontTextLine.CheckIns;

/// <summary>The check-in's answer to a text: what to reply, and the keyword it counts as.</summary>
public sealed record CheckInReply(string Text, KeywordAction Keyword, string Label)
{
    public static CheckInReply Of(string text, string label, KeywordAction keyword = KeywordAction.None) => new(text, keyword, label);
}
