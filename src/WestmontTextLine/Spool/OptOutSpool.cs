using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace WestmontTextLine.Spool;

/// <summary>
/// The opt-outs the store refused (<see cref="SpooledOptOut"/>), kept on disk until <see cref="OptOutSpoolWriter"/>
/// writes them there; what the line does for a number whose opt-out waits here (<see cref="Holds"/>) is what it does for
/// an opted-out one: no menu reply, no check-in, no staff reply. At most <see cref="Capacity"/>.
/// </summary>
public sealed class OptOutSpool : IDisposable
{
    public const int Capacity = 10_000;

    private readonly SpoolFile _file;
    private readonly ConcurrentDictionary<string, int> _waiting = new(StringComparer.Ordinal);

    public OptOutSpool(SpoolFiles files)
    {
        _file = files.Open("optouts", Capacity);
        // A line that holds no opt-out (torn by a crash and joined by the next) would keep the file for good.
        var unreadable = _file.Lines.Where(line => SpooledOptOut.Parse(line) is null).ToList();
        if (unreadable.Count > 0) _file.Remove(unreadable);
        foreach (var optOut in Waiting) _waiting.AddOrUpdate(optOut.SenderKey, 1, (_, count) => count + 1);
    }

    public int Count => _file.Count;

    /// <summary>The opt-outs waiting, oldest first (a line that is no opt-out is left out).</summary>
    public IReadOnlyList<SpooledOptOut> Waiting => [.. _file.Lines.Select(SpooledOptOut.Parse).OfType<SpooledOptOut>()];

    /// <summary>True while an opt-out of this number waits to be written to the store.</summary>
    public bool Holds(string senderKey) => !_waiting.IsEmpty && _waiting.ContainsKey(senderKey);

    /// <summary>Kept on disk (flushed) when this returns true; false when the spool is full or the disk refused it.</summary>
    public bool Keep(SpooledOptOut optOut) => Keep(optOut, out _);

    /// <summary>Kept on disk (flushed) when this returns true; false when the spool is full or the disk refused it (<paramref name="refused"/>).</summary>
    public bool Keep(SpooledOptOut optOut, [NotNullWhen(false)] out SpoolRefusal? refused)
    {
        _waiting.AddOrUpdate(optOut.SenderKey, 1, (_, count) => count + 1);
        if (_file.TryAppend(optOut.ToLine(), out refused)) return true;
        Forget(optOut.SenderKey);
        return false;
    }

    /// <summary>Written to the store: it leaves the spool (and the file, once rewritten).</summary>
    public void Written(SpooledOptOut optOut)
    {
        if (!Waiting.Contains(optOut)) return;
        try
        {
            _file.Remove([optOut.ToLine()]);
        }
        finally
        {
            Forget(optOut.SenderKey);
        }
    }

    public void Dispose() => _file.Dispose();

    private void Forget(string senderKey)
    {
        while (_waiting.TryGetValue(senderKey, out var count))
        {
            if (count <= 1 ? _waiting.TryRemove(new KeyValuePair<string, int>(senderKey, count)) : _waiting.TryUpdate(senderKey, count - 1, count)) return;
        }
    }
}
