using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chromium;

namespace WestmontTextLine.Tests.Browser;

/// <summary>One node of Chromium's accessibility tree, as a screen reader is given it: its role, name and properties.</summary>
public sealed record AccessibleNode(string Role, string Name, IReadOnlyDictionary<string, string> Properties);

public static partial class Browser
{
    /// <summary>
    /// The page's accessibility tree as Chromium builds it for a screen reader (Accessibility.getFullAXTree), without the
    /// nodes it leaves out (hidden, presentational): what axe cannot see, such as an image inside a named image.
    /// </summary>
    public static IReadOnlyList<AccessibleNode> AccessibilityTree(this IWebDriver driver)
    {
        var tree = ((ChromiumDriver)driver).ExecuteCdpCommand("Accessibility.getFullAXTree", []);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(tree));
        var nodes = new List<AccessibleNode>();
        foreach (var node in json.RootElement.GetProperty("nodes").EnumerateArray())
        {
            if (node.TryGetProperty("ignored", out var ignored) && ignored.GetBoolean()) continue;
            var properties = new Dictionary<string, string>();
            if (node.TryGetProperty("properties", out var list))
            {
                foreach (var property in list.EnumerateArray())
                {
                    // A relation (labelledby, describedby) names nodes instead of holding a value.
                    properties[property.GetProperty("name").GetString()!] = ValueOf(property, "value");
                }
            }
            nodes.Add(new AccessibleNode(ValueOf(node, "role"), ValueOf(node, "name"), properties));
        }
        return nodes;
    }

    private static string ValueOf(JsonElement node, string field) =>
        node.TryGetProperty(field, out var part) && part.TryGetProperty("value", out var value) ? value.ToString() : "";
}
