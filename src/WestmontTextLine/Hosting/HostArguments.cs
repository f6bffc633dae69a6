namespace WestmontTextLine.Hosting;

/// <summary>The command line the host is built with.</summary>
public static class HostArguments
{
    public const string NoConfigReload = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>
    /// Settings are read once, at start: the line binds them then and never reads them again. A reload watcher
    /// would gain nothing, and on Linux it watches every folder under the content root (the repo, when run from
    /// there) with inotify: about a quarter of a second at start, and one inotify watch per folder. An operator
    /// may still turn reloading on with a later argument.
    /// </summary>
    public static string[] For(string[] args) => [NoConfigReload, .. args];
}
