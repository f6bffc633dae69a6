using OpenQA.Selenium;
using WestmontTextLine.Tests.Console.Inbox;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The tick box that confirms Delete now, as a screen reader meets it: not "invalid" before anything was tried, and
/// Delete now pressed without it says why (read first with the reply box, which takes the focus), and deletes nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeleteConfirmBrowserTests(BrowserFixture browser)
{
    private const string Texter = "+16305550193";

    // Found being staff on a Release build, in Chromium's accessibility tree: the box was required, so unticked it was
    // invalid from the moment the page opened, and every conversation's page read "invalid entry" on it.
    [Fact]
    public async Task The_delete_box_is_not_invalid_before_anything_is_tried_and_delete_without_it_says_why()
    {
        await using var alice = await AliceOnShift.StartAsync(browser);
        await alice.InAClaimedChatWithAsync(Texter);
        var driver = alice.Driver;
        var id = driver.FindElement(By.Id("conversation-live")).GetAttribute("data-conversation")!;

        Assert.Empty(InvalidInTheAccessibilityTree(driver));

        driver.FindElement(By.Id("delete")).SendKeys(Keys.Enter);
        // Back on the conversation, the focus is in the reply box, which reads the outcome first (as after any action there).
        driver.WaitFor(d => d.Focused().GetAttribute("id") == "reply-body", what: "the focus back in the reply box");
        var why = driver.FindElement(By.Id(driver.Focused().GetAttribute("aria-describedby")!.Split(' ')[0]));
        Assert.StartsWith("Tick the box to confirm", why.Text, StringComparison.Ordinal);
        Assert.Equal("alert", why.GetAttribute("role"));
        Assert.NotNull(await alice.Site.Factory.ConversationAsync(id));
    }

    /// <summary>The names of the controls Chromium tells a screen reader are invalid.</summary>
    private static List<string> InvalidInTheAccessibilityTree(IWebDriver driver) =>
        [.. driver.AccessibilityTree()
            .Where(node => node.Properties.TryGetValue("invalid", out var invalid) && invalid != "false")
            .Select(node => node.Name is { Length: > 0 } name ? name : "(no name)")];
}
