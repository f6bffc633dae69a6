namespace WestmontTextLine.Tests.Support;

/// <summary>Waits for something a background part of the line does (a timer, a log line), failing after a bound.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen in time");
            await Task.Delay(20);
        }
    }

    /// <summary>The same for a condition that must be read from a store.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen in time");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Runs a background worker's pass again and again until the condition holds: the test drives the work itself
    /// instead of waiting on the worker's own timer, which a loaded machine may run late.
    /// </summary>
    public static async Task AfterPassesAsync(Func<Task> pass, Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            await pass();
            if (condition()) return;
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen in time");
            await Task.Delay(20);
        }
    }
}
