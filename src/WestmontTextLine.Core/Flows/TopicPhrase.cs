namespace WestmontTextLine.Flows;

/// <summary>
/// A normalised topic word or phrase and the nodes it names. A class, not a tuple: the flow's list of them then runs
/// the framework's code compiled ahead of time for reference types, not code the JIT makes on the way to the first answer.
/// </summary>
public sealed record TopicPhrase(string Phrase, string[] Nodes);
