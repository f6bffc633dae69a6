using System.Text.RegularExpressions;

namespace WestmontTextLine.Tests.Console;

/// <summary>A field on a console page as a screen reader meets it: its tag, whether it is marked invalid, and what describes it.</summary>
public static class PageFields
{
    /// <summary>The field's aria-invalid and aria-describedby (null where the attribute is absent).</summary>
    public static (string? Invalid, string? DescribedBy) Of(string page, string id)
    {
        var tag = Tag(page, id);
        return (Attribute(tag, "aria-invalid"), Attribute(tag, "aria-describedby"));
    }

    /// <summary>The opening tag of the input, select or button with this id.</summary>
    public static string Tag(string page, string id) =>
        Regex.Match(page, $"<(input|select|button)[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>") is { Success: true } match ? match.Value
            : throw new InvalidOperationException($"no field {id}");

    public static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\b{name}=\"([^\"]*)\"") is { Success: true } match ? match.Groups[1].Value : null;
}
