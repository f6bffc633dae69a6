using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Cli;

/// <summary>
/// A fresh folder to run a verb in, with the repo's settings and flows and nothing else (no data folder): what a verb
/// writes there shows.
/// </summary>
public sealed class ToolRoot : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tool-root-").FullName;

    public ToolRoot()
    {
        File.Copy(System.IO.Path.Combine(RepoPaths.Root, "appsettings.json"), System.IO.Path.Combine(Path, "appsettings.json"));
        var flows = Directory.CreateDirectory(System.IO.Path.Combine(Path, "flows")).FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Flows)) File.Copy(file, System.IO.Path.Combine(flows, System.IO.Path.GetFileName(file)));
    }

    public string DataFolder => System.IO.Path.Combine(Path, "data");

    /// <summary>Where the line's first start in Development keeps its privacy key.</summary>
    public string PrivacyKeyFile => System.IO.Path.Combine(DataFolder, DevelopmentPrivacyKey.KeyFile);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
