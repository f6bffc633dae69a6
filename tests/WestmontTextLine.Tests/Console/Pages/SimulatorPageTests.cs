using System.Net;
using System.Text.RegularExpressions;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Pages;

/// <summary>The Simulator page through the real page on the test server, as a browser without script uses it.</summary>
public sealed partial class SimulatorPageTests
{
    [Fact]
    public async Task A_reply_shown_again_after_a_reload_has_no_blank_line_or_indent_before_it()
    {
        using var factory = new TextLineFactory();
        using var alice = await factory.SignedInAsync("alice");
        using var sent = await alice.PostFormAsync("/Simulator", [new("Body", "hi")], handler: "Text");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var page = await alice.GetPageAsync("/Simulator");
        var bubbles = BubblePattern().Matches(page).Select(m => m.Value).ToList();
        Assert.Equal(2, bubbles.Count);
        // The bubbles keep the reply's own line breaks (white-space: pre-wrap): any space between their tags showed
        // as an indented first line and blank lines in the reloaded page.
        foreach (var bubble in bubbles) Assert.DoesNotMatch(@">\s+<", bubble);
        Assert.Contains("Main menu", WebUtility.HtmlDecode(bubbles[1]));
    }

    [GeneratedRegex("""<li class="(?:sent|received)">.*?</li>""", RegexOptions.Singleline)]
    private static partial Regex BubblePattern();
}
