using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace WestmontTextLine.Console;

/// <summary>One thing wrong with a post, and the id of the field it is about (null: the form as a whole, its button).</summary>
public sealed record FieldProblem(string Text, string? Field = null);

/// <summary>
/// What went wrong with one form's post, each problem tied to the field it is about, or to the form's button: the page
/// says which form at the top (the alert the focus goes to, see outcome.js: "That did not work: Add an account", each
/// problem a link to its field), and again at the field itself, which is marked invalid (<c>aria-invalid</c>) and
/// described by it (<c>aria-describedby</c>), so a screen reader reads the error on the field, as at sign-in: on the
/// Staff and Passkeys pages, an error said once at the top would leave her to guess which of a dozen forms, and which
/// field, it is about.
/// </summary>
/// <param name="Form">The form, as its heading or button names it ("Add an account", "Set password for bob").</param>
/// <param name="Button">The id of the form's button, for a problem with no field; null when the form is gone from the page.</param>
public sealed record FormProblems(string Form, string? Button, IReadOnlyList<FieldProblem> Items)
{
    public static readonly FormProblems None = new("", null, []);

    public bool Any => Items.Count > 0;

    /// <summary>The id of the element a problem is tied to, if it is on the page.</summary>
    public string? TargetOf(FieldProblem problem) => problem.Field ?? Button;

    /// <summary>"true" for a field with a problem (for <c>aria-invalid</c>), otherwise null, which leaves the attribute out.</summary>
    public string? Invalid(string field) => Items.Any(problem => problem.Field == field) ? "true" : null;

    /// <summary>The id of the message at this field or button (for <c>aria-describedby</c>), or null if it has none.</summary>
    public string? DescribedBy(string id) => About(id).Any() ? MessageId(id) : null;

    /// <summary>The message shown at this field or button: nothing if it has no problem.</summary>
    public IHtmlContent MessageAt(string id)
    {
        var text = string.Join(" ", About(id));
        if (text.Length == 0) return HtmlString.Empty;
        var encode = HtmlEncoder.Default;
        return new HtmlString($"<p class=\"field-error\" id=\"{encode.Encode(MessageId(id))}\">{encode.Encode(text)}</p>");
    }

    public static string MessageId(string id) => id + "-error";

    private IEnumerable<string> About(string id) => Items.Where(problem => TargetOf(problem) == id).Select(problem => problem.Text);
}
