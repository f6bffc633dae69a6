using System.Text.RegularExpressions;

namespace WestmontTextLine.Health;

/// <summary>
/// A reason as /healthz shows it to anyone: every absolute file path cut to its file name ("the database file
/// textline.db was deleted or moved while open"), since the server's folders are the operator's to know, not a
/// stranger's. The log keeps the reason whole.
/// </summary>
public static partial class HealthText
{
    public static string? WithoutFolders(string? reason) => reason is null ? null : Folders().Replace(reason, "");

    // A leading / or C:\ not inside a word or URL, then each folder with its separator; the file name is left.
    [GeneratedRegex(@"(?<![\w:/\\.])(?:[A-Za-z]:[\\/]|/)(?:[^\s/\\]+[\\/])+")]
    private static partial Regex Folders();
}
