using OpenQA.Selenium;
using WestmontTextLine.Tests.Console.Inbox;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// What she chose in a conversation's live part and has not pressed yet stays chosen when the part is drawn again: her
/// next text redrew it with the colleague to transfer to back at the first in the list, so Transfer went to someone
/// else, and the box that confirms Delete now unticked, so Delete now said to tick it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveRefreshKeepsChoicesBrowserTests(BrowserFixture browser)
{
    private const string Texter = "+16305550196";

    [Fact]
    public async Task The_colleague_chosen_and_the_delete_box_ticked_stay_so_when_her_next_text_redraws_the_conversation()
    {
        await using var alice = await AliceOnShift.StartAsync(browser);
        await alice.Site.AddStaffAsync("bob");
        await alice.Site.AddStaffAsync("carol");
        var texter = await alice.InAClaimedChatWithAsync(Texter);
        var driver = alice.Driver;

        var notFirst = driver.FindElement(By.CssSelector("#transfer-to option:last-child"));
        var colleague = notFirst.GetAttribute("value")!;
        Assert.False(notFirst.Selected);
        notFirst.Click();
        driver.FindElement(By.Id("confirm-delete")).Click();

        await texter.TextAsync("are you still there");
        driver.WaitFor(d => d.FindElements(By.CssSelector("#thread .from-texter .body")).Any(b => b.Text == "are you still there"),
            what: "her text, the part drawn again");

        Assert.Equal(colleague, driver.FindElement(By.Id("transfer-to")).GetAttribute("value"));
        Assert.True(driver.FindElement(By.Id("confirm-delete")).Selected, "the delete box came back unticked");
        driver.FindElement(By.Id("transfer")).Click();
        driver.WaitFor(d => d.FindElements(By.CssSelector(".done")).FirstOrDefault()?.Text == $"Transferred to {colleague}.",
            what: "the transfer to the colleague she chose");
    }
}
