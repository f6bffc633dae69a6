namespace WestmontTextLine.Storage;

/// <summary>
/// For the store's maps that hold up to tens of thousands of senders under load: once a map passes a few thousand
/// entries it grows straight to half its bound, and once it fills that half, straight to its bound, instead of
/// doubling on the way there. Each doubling of a map that size left its old arrays in the large-object heap, where the
/// space stayed resident (paired runs of the load test: 3-5 MB of RSS); and a map grown at once to its whole bound held
/// its empty half resident too, zeroed by the collector: 7 MB of the backlog's two maps after the load test, whose
/// 30,000 senders never fill half the 100,000 (bench/README.md). A small line, and every test, never gets there and
/// allocates nothing more.
/// </summary>
internal static class GrowInTwoSteps
{
    public const int Threshold = 4096;

    /// <summary>Call after adding an entry.</summary>
    public static void Added<TKey, TValue>(Dictionary<TKey, TValue> map, int bound) where TKey : notnull
    {
        if (bound <= Threshold) return;
        var half = Math.Max(Threshold + 1, bound / 2);
        if (map.Count == Threshold) map.EnsureCapacity(half);
        else if (map.Count == half) map.EnsureCapacity(bound);
    }
}
