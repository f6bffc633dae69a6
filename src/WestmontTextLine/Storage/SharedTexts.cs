using System.Collections.Concurrent;

namespace WestmontTextLine.Storage;

/// <summary>
/// Texts that many sessions hold (node names, the flow's replies), each kept once and known by its number, for
/// <see cref="SessionBlob"/>. It only grows, up to <see cref="MaxTexts"/>; a text not taken by then is never taken,
/// so a text is given the same answer every time it is asked about. Thread-safe.
/// </summary>
internal sealed class SharedTexts
{
    /// <summary>Enough for every reply and node of a flow in each language; past it, texts are written in full.</summary>
    public const int MaxTexts = 2048;

    /// <summary>Longer texts are written in full: an SMS reply is at most 1,600 characters.</summary>
    public const int MaxLength = 1600;

    private readonly ConcurrentDictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly string[] _texts = new string[MaxTexts];
    private readonly Lock _adding = new();
    private int _count;

    /// <summary>The text's number, taking it if there is room; null for a text written in full.</summary>
    public int? NumberOf(string text)
    {
        if (_numbers.TryGetValue(text, out var number)) return number;
        if (text.Length > MaxLength || Volatile.Read(ref _count) >= MaxTexts) return null;
        lock (_adding)
        {
            if (_numbers.TryGetValue(text, out number)) return number;
            if (_count >= MaxTexts) return null;
            number = _count;
            _texts[number] = text;
            Volatile.Write(ref _count, number + 1);
            _numbers[text] = number;
            return number;
        }
    }

    public string Text(int number) => _texts[number];
}
