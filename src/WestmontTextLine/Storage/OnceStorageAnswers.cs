namespace WestmontTextLine.Storage;

/// <summary>
/// Undoes, in the background, what a text that got the fallback left in a store that hung, or finishes what a staff
/// action that failed part-way began: a frozen Redis keeps the writes it was sent and runs them when it answers again,
/// so the work is tried until the store answers (12 tries, a pause of 1 s doubling up to a minute, about 8 minutes in
/// all), after whatever it kept. If it never does, the record's own expiry or timer ends what is left, and
/// <c>gaveUp</c> logs it.
/// </summary>
internal static class OnceStorageAnswers
{
    private const int Attempts = 12;
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    /// <summary>Runs <paramref name="work"/> in the background until it succeeds, or <c>gaveUp</c> after the last try.</summary>
    public static void Run(Func<Task> work, Action<Exception> gaveUp) => _ = Task.Run(() => RunAsync(work, gaveUp));

    private static async Task RunAsync(Func<Task> work, Action<Exception> gaveUp)
    {
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await work();
                return;
            }
            catch (Exception) when (attempt < Attempts)
            {
                await Task.Delay(pause);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
            }
            catch (Exception ex)
            {
                gaveUp(ex);
                return;
            }
        }
    }
}
