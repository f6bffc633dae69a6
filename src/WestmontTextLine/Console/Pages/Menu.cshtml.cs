using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;

namespace WestmontTextLine.Console.Pages;

/// <summary>The menu as the line runs it: the Stateless graph drawn by Mermaid (served by the line itself), in either language; a node shows its reply.</summary>
public sealed class MenuModel(Flow flow) : PageModel
{
    public LanguageFlow Language { get; private set; } = flow.Default;
    public IReadOnlyList<string> Languages => [.. flow.Languages.Keys.Order(StringComparer.Ordinal)];
    public string Diagram { get; private set; } = "";

    /// <summary>Each node's label and reply, for the page to show when a node is chosen.</summary>
    public string RepliesJson { get; private set; } = "{}";

    public void OnGet(string? lang)
    {
        Language = flow.Language(lang);
        Diagram = MenuGraph.Mermaid(Language);
        RepliesJson = JsonSerializer.Serialize(Language.Nodes.Values.ToDictionary(n => n.Id, n => new[] { n.Label ?? "Main menu", n.Reply }));
    }
}
