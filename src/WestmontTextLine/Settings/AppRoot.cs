using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace WestmontTextLine.Settings;

/// <summary>
/// The folder holding appsettings.json and flows/: the repo root. `dotnet run` from the root makes it the content
/// root; a test host or another working directory does not, so it is found by walking up from the content root, else
/// from the app's own folder.
/// </summary>
public sealed record AppRoot(string Path)
{
    public const string SettingsFile = "appsettings.json";

    public static AppRoot Find(string contentRoot) =>
        Above(contentRoot) ?? Above(AppContext.BaseDirectory) ?? new AppRoot(System.IO.Path.GetFullPath(contentRoot));

    // The nearest folder at or above this one with appsettings.json and flows/: the repo root from a build or test
    // folder, or the publish folder, which has both beside the app.
    private static AppRoot? Above(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, SettingsFile)) &&
                Directory.Exists(System.IO.Path.Combine(folder.FullName, "flows")))
            {
                return new AppRoot(folder.FullName);
            }
        }
        return null;
    }

    public string Resolve(string path) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, path));

    /// <summary>
    /// Reads the root's appsettings.json when the content root is elsewhere, first in line, so environment
    /// variables and command-line arguments still override it.
    /// </summary>
    public void AddSettingsTo(IConfigurationManager configuration, IHostEnvironment environment)
    {
        if (System.IO.Path.GetFullPath(environment.ContentRootPath).TrimEnd('/') == Path.TrimEnd('/')) return;
        var files = new PhysicalFileProvider(Path);
        var sources = ((IConfigurationBuilder)configuration).Sources;
        sources.Insert(0, new JsonConfigurationSource { Path = $"appsettings.{environment.EnvironmentName}.json", Optional = true, FileProvider = files });
        sources.Insert(0, new JsonConfigurationSource { Path = SettingsFile, Optional = true, FileProvider = files });
    }
}
