using System.Net;
using System.Text.RegularExpressions;

namespace WestmontTextLine.Tests.Console;

/// <summary>
/// A form on a console page, as a browser sends it when its button is pressed: the method, the action and the hidden
/// fields, so a test presses the button a person sees rather than posting what it assumes the button posts.
/// </summary>
public sealed partial record PageForm(string Method, string Action, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    /// <summary>The form holding the button whose text (markup removed) is <paramref name="buttonText"/>.</summary>
    public static PageForm WithButton(string page, string buttonText)
    {
        var form = Forms().Matches(page).FirstOrDefault(match => Buttons().Matches(match.Groups[2].Value)
            .Any(button => WebUtility.HtmlDecode(Tags().Replace(button.Groups[1].Value, "")) == buttonText));
        Assert.True(form is not null, $"no form with the button '{buttonText}'");
        var attributes = form.Groups[1].Value;
        var method = Attribute(attributes, "method") ?? "get";
        var action = WebUtility.HtmlDecode(Attribute(attributes, "action") ?? "");
        var fields = Inputs().Matches(form.Groups[2].Value)
            .Where(input => Attribute(input.Value, "type") == "hidden" && Attribute(input.Value, "name") is not null)
            .Select(input => new KeyValuePair<string, string>(Attribute(input.Value, "name")!, WebUtility.HtmlDecode(Attribute(input.Value, "value") ?? "")))
            .ToList();
        return new(method.ToLowerInvariant(), action, fields);
    }

    /// <summary>Presses the button: a GET with the fields in the query, or a POST of the fields (the antiforgery token among them).</summary>
    public Task<HttpResponseMessage> SubmitAsync(ConsoleClient client, string pagePath)
    {
        var path = Action.Length == 0 ? pagePath : Action.StartsWith(ConsoleClient.Root, StringComparison.Ordinal) ? Action[ConsoleClient.Root.Length..] : Action;
        if (Method == "post") return client.PostWithoutTokenAsync(path, Fields);
        var query = string.Join("&", Fields.Select(field => $"{Uri.EscapeDataString(field.Key)}={Uri.EscapeDataString(field.Value)}"));
        return client.GetAsync(path.Split('?')[0] + "?" + query);
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\b{name}=\"([^\"]*)\"") is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("<form([^>]*)>(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex Forms();

    [GeneratedRegex("<button[^>]*>(.*?)</button>", RegexOptions.Singleline)]
    private static partial Regex Buttons();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex Inputs();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
