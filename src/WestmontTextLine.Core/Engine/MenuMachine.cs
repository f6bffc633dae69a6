using Stateless;
using Stateless.Reflection;
using WestmontTextLine.Flows;

namespace WestmontTextLine.Engine;

/// <summary>
/// The Stateless machine over the menu graph. Its state lives outside it, in a field set for each text, so one
/// configured machine serves text after text. Stateless is not thread-safe: a machine is used by one text at a
/// time, which the pool guarantees.
/// </summary>
public sealed class MenuMachine
{
    public const string Root = Flow.RootState;

    private readonly StateMachine<string, string> _machine;
    private readonly StateMachine<string, string>.TriggerWithParameters<string> _goto;
    private readonly string _start;
    private string _state;
    private bool _unhandled;

    public MenuMachine(LanguageFlow shape)
    {
        _state = _start = shape.Start;
        _machine = new StateMachine<string, string>(() => _state, s => _state = s, FiringMode.Immediate);
        _goto = _machine.SetTriggerParameters<string>(Triggers.Goto);
        _machine.OnUnhandledTrigger((_, _) => _unhandled = true);

        _machine.Configure(Root)
            .Permit(Triggers.Menu, shape.Start)
            .PermitDynamic(_goto, target => target, "topic word or choice");

        foreach (var node in shape.Nodes.Values)
        {
            var state = _machine.Configure(node.Id).SubstateOf(Root);
            for (var i = 0; i < node.Options.Count; i++) state.Permit(Triggers.Option(i + 1), node.Options[i]);
            if (node.Parent is null) state.PermitReentry(Triggers.Back);
            else state.Permit(Triggers.Back, node.Parent);
        }
    }

    /// <summary>Fires a trigger from the given node; Handled is false when the node has no such transition.</summary>
    public (string Node, bool Handled) Fire(string fromNode, string trigger)
    {
        _state = fromNode;
        _unhandled = false;
        _machine.Fire(trigger);
        return (_state, !_unhandled);
    }

    public string Goto(string fromNode, string targetNode)
    {
        _state = fromNode;
        _unhandled = false;
        _machine.Fire(_goto, targetNode);
        return _state;
    }

    /// <summary>The machine's own description of itself, for the graph export; the diagram starts at the start node.</summary>
    public StateMachineInfo Info
    {
        get
        {
            _state = _start;
            return _machine.GetInfo();
        }
    }
}
