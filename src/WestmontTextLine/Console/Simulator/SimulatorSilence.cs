using WestmontTextLine.Sessions;

namespace WestmontTextLine.Console.Simulator;

/// <summary>
/// Why the simulated phone got no reply, in words a volunteer trying the line understands. A bare "(no reply)" after
/// TALK left her wondering whether her text had gone to a colleague's inbox, or whether the simulator was broken.
/// </summary>
public static class SimulatorSilence
{
    public const string InChat = "(no reply: in a chat with staff her texts go to them and the line does not answer. "
        + "The simulator's chat reaches no inbox and no one: text MENU to leave it.)";

    public const string OptedOut = "(no reply: she opted out with STOP, so the line sends nothing until she texts START.)";

    public const string Other = "(no reply)";

    public static string Why(Session? session) => session switch
    {
        { OptedOut: true } => OptedOut,
        { Handoff: true } => InChat,
        _ => Other,
    };
}
