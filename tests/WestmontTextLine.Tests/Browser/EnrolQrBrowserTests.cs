using OpenQA.Selenium;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The enrolment page's QR code as a screen reader meets it: one image, named for what it is ("QR code for your
/// authenticator app"), with nothing unnamed inside it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EnrolQrBrowserTests(BrowserFixture browser)
{
    private const string QrName = "QR code for your authenticator app";

    // Found in Chromium's accessibility tree by staff: the drawn <svg> inside the named wrapper was an image of its own,
    // with no name, so a screen reader met the QR code twice, the second time as "image" and nothing more.
    [Fact]
    public async Task The_qr_code_is_one_image_with_its_name_and_no_unnamed_image_inside_it()
    {
        using var site = ConsoleSite.Start();
        await site.AddStaffAsync("alice");
        var driver = browser.Fresh();
        site.OpenEnrolmentInBrowser(driver, "alice");
        Assert.NotNull(driver.FindElement(By.CssSelector(".qr svg")));

        var images = driver.AccessibilityTree().Where(node => node.Role == "image").Select(node => node.Name);

        Assert.Equal([QrName], images);
    }
}
