namespace WestmontTextLine.Storage;

/// <summary>
/// For the store's maps that hold up to tens of thousands of senders under load: once a map passes a few thousand
/// entries, it grows once, straight to its bound, instead of doubling on the way there. Each doubling of a map that
/// size left its old arrays in the large-object heap, where the space stayed resident (paired runs of the load test:
/// 3-5 MB of RSS). A small line, and every test, never gets there and allocates nothing more.
/// </summary>
internal static class GrowOnceToBound
{
    public const int Threshold = 4096;

    /// <summary>Call after adding an entry.</summary>
    public static void Added<TKey, TValue>(Dictionary<TKey, TValue> map, int bound) where TKey : notnull
    {
        if (map.Count == Threshold && bound > Threshold) map.EnsureCapacity(bound);
    }
}
