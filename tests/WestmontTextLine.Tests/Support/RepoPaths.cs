namespace WestmontTextLine.Tests.Support;

/// <summary>Finds the repo's folders from wherever the test runner starts.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Flows => Path.Combine(Root, "flows");
    public static string TestData => Path.Combine(Root, "tests", "WestmontTextLine.Tests");
    public static string BrokenFlows => Path.Combine(TestData, "Flows", "broken-flows");
    public static string Transcripts => Path.Combine(TestData, "Transcripts");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "WestmontTextLine.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException("WestmontTextLine.sln not found above " + AppContext.BaseDirectory);
    }
}
