namespace WestmontTextLine.Words;

/// <summary>
/// Whether two normalised words are at most one typing slip apart: one letter added, dropped, or two neighbours
/// swapped ("SCARD" for "SCARED", "AFRIAD" for "AFRAID"), or one letter hit on a key next to the right one
/// ("AFRAUD"). A change to a far key is not a slip but another word ("SHARED" is not "SCARED").
/// Linear and without allocation, for the reply path.
/// </summary>
public static class OneEdit
{
    public static bool Within(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        a.Length >= b.Length ? LongerFirst(a, b) : LongerFirst(b, a);

    private static bool LongerFirst(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length - b.Length > 1) return false;

        var prefix = 0;
        while (prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        if (prefix == a.Length) return true;

        if (a.Length > b.Length) return a[(prefix + 1)..].SequenceEqual(b[prefix..]);
        if (AreKeyNeighbours(a[prefix], b[prefix]) && a[(prefix + 1)..].SequenceEqual(b[(prefix + 1)..])) return true;
        return prefix + 1 < a.Length
            && a[prefix] == b[prefix + 1]
            && a[prefix + 1] == b[prefix]
            && a[(prefix + 2)..].SequenceEqual(b[(prefix + 2)..]);
    }

    // The keys around each letter on a QWERTY keyboard (phones in English and Spanish use it), from A to Z.
    private static readonly string[] Neighbours =
    [
        "QWSZ", "VGHN", "XDFV", "SERFCX", "WRSD", "DRTGVC", "FTYHBV", "GYUJNB", "UOJK", "HUIKNM", "JIOLM", "KOP", "NJK",
        "BHJM", "IPKL", "OL", "WA", "ETDF", "AWEDXZ", "RYFG", "YIHJ", "CFGB", "QEAS", "ZSDC", "TUGH", "ASX",
    ];

    private static bool AreKeyNeighbours(char a, char b) =>
        a is >= 'A' and <= 'Z' && b is >= 'A' and <= 'Z' && Neighbours[a - 'A'].Contains(b);
}
