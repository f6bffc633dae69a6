using OpenQA.Selenium;

namespace WestmontTextLine.Tests.Browser;

/// <summary>The browser tests' wait retries while a page is being replaced, and fails on any other error.</summary>
public sealed class BrowserWaitTests
{
    [Fact]
    public void An_element_whose_page_was_replaced_while_it_was_read_is_looked_for_again()
    {
        var attempts = 0;

        var found = ((IWebDriver)null!).WaitFor(_ => ++attempts switch
        {
            1 => throw new UnknownErrorException("unknown error: unhandled inspector error: {\"code\":-32000,\"message\":\"Node with given id does not belong to the document\"}"),
            2 => throw new StaleElementReferenceException("stale element reference"),
            _ => "Go off shift",
        });

        Assert.Equal(("Go off shift", 3), (found, attempts));
    }

    [Fact]
    public void Any_other_browser_error_fails_the_wait_at_once()
    {
        var attempts = 0;

        Assert.Throws<UnknownErrorException>(() => ((IWebDriver)null!).WaitFor<string>(_ =>
        {
            attempts++;
            throw new UnknownErrorException("unknown error: session deleted because of page crash");
        }));
        Assert.Equal(1, attempts);
    }
}
