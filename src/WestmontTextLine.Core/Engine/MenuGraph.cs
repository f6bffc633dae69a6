using System.Text;
using Stateless.Graph;
using WestmontTextLine.Flows;

namespace WestmontTextLine.Engine;

/// <summary>
/// The menu as a picture, drawn by Stateless from the menu machine itself, so the picture cannot drift from what
/// the line does. Stateless names states by node id; these styles add each node's label and name the jump trigger
/// in words, so an editor can read the diagram without knowing the ids.
/// </summary>
public static class MenuGraph
{
    public const string TopicWordLabel = "topic word";

    public static string Mermaid(LanguageFlow language)
    {
        var graph = new StateGraph(new MenuMachine(language).Info);
        return Tidy(graph.ToGraph(new LabelledMermaidStyle(graph, language)));
    }

    public static string Dot(LanguageFlow language)
    {
        var graph = new StateGraph(new MenuMachine(language).Info);
        return Tidy(graph.ToGraph(new LabelledDotStyle(language)));
    }

    private static string TriggerLabel(string trigger) => trigger == Triggers.Goto ? TopicWordLabel : trigger;

    private static string LabelOf(LanguageFlow language, string stateName) =>
        language.Nodes.TryGetValue(stateName, out var node) && node.Label is { Length: > 0 } label ? label : stateName;

    // Stateless writes Environment.NewLine and "\n" both; a snapshot or a README needs one kind, and no trailing space.
    private static string Tidy(string text) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd())).Trim('\n') + "\n";

    // A double quote would end the description and a semicolon the statement.
    private static string MermaidText(string label) => label.Replace('"', '\'').Replace(';', ',');

    private sealed class LabelledMermaidStyle(StateGraph graph, LanguageFlow language) : MermaidGraphStyle(graph, MermaidGraphDirection.LeftToRight)
    {
        public override string FormatOneCluster(SuperState stateInfo)
        {
            var text = new StringBuilder();
            text.Append('\n').Append("\tstate ").Append(stateInfo.StateName).Append(" {\n");
            foreach (var state in stateInfo.SubStates)
            {
                var label = LabelOf(language, state.StateName);
                text.Append("\t\t");
                // Mermaid's quoted description keeps a label's colons and question marks out of its grammar.
                if (label == state.StateName) text.Append(state.StateName);
                else text.Append("state \"").Append(MermaidText(label)).Append("\" as ").Append(state.StateName);
                text.Append('\n');
            }
            return text.Append("\t}").ToString();
        }

        public override string FormatOneTransition(
            string sourceNodeName, string trigger, IEnumerable<string> actions, string destinationNodeName, IEnumerable<string> guards) =>
            base.FormatOneTransition(sourceNodeName, TriggerLabel(trigger), actions, destinationNodeName, guards);
    }

    private sealed class LabelledDotStyle(LanguageFlow language) : UmlDotGraphStyle
    {
        public override string FormatOneState(State state)
        {
            var label = LabelOf(language, state.StateName).Replace("\\", "\\\\").Replace("\"", "\\\"");
            return $"\"{state.StateName}\" [label=\"{label}\"];\n";
        }

        public override string FormatOneTransition(
            string sourceNodeName, string trigger, IEnumerable<string> actions, string destinationNodeName, IEnumerable<string> guards) =>
            base.FormatOneTransition(sourceNodeName, TriggerLabel(trigger), actions, destinationNodeName, guards);
    }
}
