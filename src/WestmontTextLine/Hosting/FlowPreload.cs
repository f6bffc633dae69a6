using WestmontTextLine.Flows;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Starts loading the flows the moment the app starts, on a thread of their own, while the host is still being
/// built; the loaded flow is validated as a later load would be, but for the checks that can only warn: the line
/// needs the flow or its errors, and `check` shows the warnings.
/// </summary>
public sealed class FlowPreload
{
    private readonly string _flowsFolder;
    private readonly Task<FlowLoadResult> _load;

    private FlowPreload(string flowsFolder)
    {
        _flowsFolder = flowsFolder;
        _load = Task.Run(() => FlowLoader.Load(flowsFolder, warnings: false));
    }

    public static FlowPreload Start(string flowsFolder) => new(Path.GetFullPath(flowsFolder));

    /// <summary>
    /// Starts before the host is built, so it can only guess the flows folder: the usual one, unless the environment
    /// or the command line names another. A wrong guess costs nothing but the early start.
    /// </summary>
    public static FlowPreload Start(string[] args)
    {
        var named = Environment.GetEnvironmentVariable("TextLine__FlowsPath");
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i].TrimStart('-', '/') is "TextLine:FlowsPath") named = args[i + 1];
        }
        return Start(AppRoot.Find(Directory.GetCurrentDirectory()).Resolve(named ?? "flows"));
    }

    /// <summary>The loaded flow, when the folder is the one preloaded (settings may change it later); else loads it now.</summary>
    public FlowLoadResult LoadFlows(string flowsFolder) =>
        Path.GetFullPath(flowsFolder) == _flowsFolder ? _load.GetAwaiter().GetResult() : FlowLoader.Load(flowsFolder, warnings: false);
}
