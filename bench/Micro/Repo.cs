namespace WestmontTextLine.Bench;

/// <summary>The repository root (the folder with appsettings.json and flows/), found from where the benchmarks run.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    public static string Flows => Path.Combine(Root, "flows");

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "appsettings.json")) &&
                    Directory.Exists(Path.Combine(folder.FullName, "flows")))
                {
                    return folder.FullName;
                }
            }
        }
        throw new DirectoryNotFoundException("the repository root (appsettings.json and flows/) was not found");
    }
}
