using OpenQA.Selenium;

namespace WestmontTextLine.Tests.Browser;

/// <summary>Helpers for tests that drive a page: explicit waits, accessibility checks, screenshots.</summary>
public static partial class Browser
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until the condition holds; fails with what was awaited, the page's URL and its title.</summary>
    public static void WaitFor(this IWebDriver driver, Func<IWebDriver, bool> condition, TimeSpan? timeout = null, string? what = null) =>
        driver.WaitFor(d => condition(d) ? true : (object?)null, timeout, what);

    /// <summary>Waits until the function returns something (an element, a text), and returns it.</summary>
    public static T WaitFor<T>(this IWebDriver driver, Func<IWebDriver, T?> find, TimeSpan? timeout = null, string? what = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        Exception? last = null;
        while (true)
        {
            try
            {
                if (find(driver) is { } found) return found;
            }
            catch (Exception e) when (e is NoSuchElementException or StaleElementReferenceException or ElementNotInteractableException
                || IsGoneWithItsPage(e))
            {
                // The page is still being built or redrawn: try again.
                last = e;
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"{what ?? "the condition"} did not hold within {(timeout ?? DefaultWait).TotalSeconds:0.#} s " +
                    $"on {driver.Url} (title \"{driver.Title}\")" + (last is null ? "" : $"; last error: {last.Message}"));
            }
            Thread.Sleep(Poll);
        }
    }

    // An element read while its page is being replaced (a form posted, a redirect): ChromeDriver reports it as stale,
    // or, when the old page goes between finding the element and reading it, as this inspector error.
    private static bool IsGoneWithItsPage(Exception e) =>
        e is UnknownErrorException && e.Message.Contains("does not belong to the document", StringComparison.Ordinal);
}
