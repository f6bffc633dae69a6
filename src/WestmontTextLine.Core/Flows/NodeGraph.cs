namespace WestmontTextLine.Flows;

/// <summary>
/// The menu as a graph, walked once breadth-first from the start: each node's parent is the first menu, in that
/// order, that lists it. The builder uses it for BACK, and the checks for what is reachable and what leads back.
/// </summary>
public static class NodeGraph
{
    /// <summary>Each node reached from the start, but the start itself, with its parent.</summary>
    public static Dictionary<string, string> ParentsFrom(string start, Func<string, IEnumerable<string>?> optionsOf)
    {
        var parents = new Dictionary<string, string>();
        var seen = new HashSet<string> { start };
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var id))
        {
            foreach (var target in optionsOf(id) ?? [])
            {
                if (!seen.Add(target)) continue;
                parents[target] = id;
                queue.Enqueue(target);
            }
        }
        return parents;
    }

    /// <summary>The same walk over a language file as written: options that name no node lead nowhere.</summary>
    public static Dictionary<string, string> ParentsIn(LanguageDocument document) =>
        ParentsFrom(document.Start!, id => document.Nodes.GetValueOrDefault(id)?.Options.Where(document.Nodes.ContainsKey));
}
