using WestmontTextLine.Engine;
using WestmontTextLine.Flows;

namespace WestmontTextLine.Tests.OwnWords;

/// <summary>
/// What a text got, in the corpus's words: <c>emergency</c>, a topic (the label of the main-menu branch shown, or
/// <c>crisis</c> for the crisis answer), <c>choice:law+health</c> for a "Did you mean" list, or <c>help</c>,
/// <c>talk</c>, <c>welcome</c>, <c>menu</c>, <c>not-understood</c>, <c>courtesy</c> ("Take care", for "thanks"). An answer that opens with 911 ends in <c>:911</c>
/// (<c>safety:911</c>).
/// </summary>
public static class CorpusReply
{
    private static readonly Dictionary<string, string> LabelOfBranch = new()
    {
        ["law"] = "law", ["safety"] = "safety", ["health"] = "health", ["getting_out"] = "leaving",
        ["trafficking"] = "trafficking", ["basic_needs"] = "needs", ["addiction"] = "addiction", ["talk"] = "talk",
    };

    public static string Of(Flow flow, TextResult result)
    {
        var english = flow.Languages["en"].Messages;
        var spanish = flow.Languages["es"].Messages;
        if (result.Reply == english.Emergency || result.Reply == spanish.Emergency) return "emergency";
        if (result.Reply == english.Help || result.Reply == spanish.Help) return "help";
        if (result.Event.NotUnderstood) return "not-understood";
        if (result.Event.Courtesy) return "courtesy";
        if (result.Session?.ChoiceList is { Length: > 0 } choices)
        {
            var branches = choices.Select(node => TopicOf(flow, node)).Distinct();
            return result.Event.NotUnderstood ? "not-understood" : "choice:" + string.Join('+', branches);
        }
        if (result.Event.Keyword == KeywordAction.Talk) return "talk";
        var node = result.Event.NodeShown;
        if (node is null) return "none";
        if (node == flow.Default.Start)
        {
            return result.Reply == flow.Languages["en"].WelcomeReply || result.Reply == flow.Languages["es"].WelcomeReply ? "welcome" : "menu";
        }
        // An answer that opens with 911 ("In danger now? Call 911.") serves someone in danger as the emergency reply does.
        return TopicOf(flow, node) + (OpensWith911(result.Reply) ? ":911" : "");
    }

    private static bool OpensWith911(string? reply) => reply is not null && reply[..Math.Min(40, reply.Length)].Contains("911");

    /// <summary>The corpus label of the main-menu branch a node sits in (the crisis answer is <c>crisis</c>).</summary>
    public static string TopicOf(Flow flow, string node)
    {
        if (node == "mental_crisis") return "crisis";
        var nodes = flow.Default.Nodes;
        while (nodes[node].Parent is { } parent && parent != flow.Default.Start) node = parent;
        return LabelOfBranch.GetValueOrDefault(node, node);
    }

    /// <summary>True when the reply is what a person with this label needs.</summary>
    public static bool Serves(string label, string reply)
    {
        var opensWith911 = reply.EndsWith(":911");
        var topic = opensWith911 ? reply[..^4] : reply;
        return label switch
        {
            "emergency" or "distress" => topic == "emergency" || opensWith911,
            "crisis" => topic is "emergency" or "crisis" || IsChoiceWith(topic, "crisis"),
            "other" => topic != "emergency",
            "addiction" => topic is "addiction" or "crisis" || IsChoiceWith(topic, "addiction") || IsChoiceWith(topic, "crisis"),
            _ => topic == label || IsChoiceWith(topic, label),
        };
    }

    private static bool IsChoiceWith(string reply, string label) =>
        reply.StartsWith("choice:") && reply["choice:".Length..].Split('+').Contains(label);
}
