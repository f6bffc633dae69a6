namespace WestmontTextLine.Health;

/// <summary>The last text logged for a fault that lasts: the same text again is not news; a new one is.</summary>
public sealed class LoggedOnce
{
    private string? _last;
    private readonly Lock _gate = new();

    public bool IsNew(string text)
    {
        lock (_gate)
        {
            if (text == _last) return false;
            _last = text;
            return true;
        }
    }

    public void Clear()
    {
        lock (_gate) _last = null;
    }
}
