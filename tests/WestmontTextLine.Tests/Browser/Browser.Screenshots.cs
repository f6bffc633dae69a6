using OpenQA.Selenium;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Browser;

public static partial class Browser
{
    /// <summary>Set to 1 (docs/screenshots.sh does) to refresh the README's pictures of the console.</summary>
    public const string UpdateScreenshotsVariable = "UPDATE_SCREENSHOTS";

    /// <summary>
    /// The trait of the tests that call <see cref="SaveDocumentationScreenshot(IWebDriver, string)"/>:
    /// <c>[Trait("Category", Browser.DocumentationScreenshotsCategory)]</c>. docs/screenshots.sh runs only those.
    /// </summary>
    public const string DocumentationScreenshotsCategory = "DocumentationScreenshots";

    public static string DocumentationScreenshots => Path.Combine(RepoPaths.Root, "docs", "console");

    public static bool UpdatingScreenshots => Environment.GetEnvironmentVariable(UpdateScreenshotsVariable) == "1";

    /// <summary>Writes what the browser shows now as a PNG file, creating its folder; returns the path.</summary>
    public static string Screenshot(this IWebDriver driver, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(path);
        return path;
    }

    /// <summary>
    /// With UPDATE_SCREENSHOTS=1, writes docs/console/NAME.png for the README and returns its path; otherwise does
    /// nothing and returns null, so an ordinary test run never changes the repo.
    /// </summary>
    public static string? SaveDocumentationScreenshot(this IWebDriver driver, string name) =>
        driver.SaveDocumentationScreenshot(name, UpdatingScreenshots, DocumentationScreenshots);

    internal static string? SaveDocumentationScreenshot(this IWebDriver driver, string name, bool update, string folder)
    {
        if (name.Length == 0 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException($"\"{name}\": a screenshot name is lower-case letters, digits and dashes (it becomes docs/console/{name}.png)", nameof(name));
        }
        return update ? driver.Screenshot(Path.Combine(folder, name + ".png")) : null;
    }
}
