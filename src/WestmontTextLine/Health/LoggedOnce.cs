namespace WestmontTextLine.Health;

/// <summary>The last text seen for a fault that lasts: the same text again is not news; another one is.</summary>
public sealed class LoggedOnce
{
    private string? _last;
    private readonly Lock _gate = new();

    /// <summary>True only when this text follows another that differs: a fault's first text is told elsewhere.</summary>
    public bool Changed(string text)
    {
        lock (_gate)
        {
            var changed = _last is not null && text != _last;
            _last = text;
            return changed;
        }
    }

    public void Clear()
    {
        lock (_gate) _last = null;
    }
}
