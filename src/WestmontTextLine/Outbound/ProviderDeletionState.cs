namespace WestmontTextLine.Outbound;

/// <summary>What /healthz and the logs say of provider deletion: running, or paused because Twilio refused the credentials.</summary>
public sealed class ProviderDeletionState
{
    private volatile string? _pausedBecause;

    public string? PausedBecause => _pausedBecause;

    /// <summary>Returns true the first time, so the reason is logged once, not once a message.</summary>
    public bool Pause(string reason)
    {
        var first = _pausedBecause is null;
        _pausedBecause = reason;
        return first;
    }

    /// <summary>Returns true when it was paused.</summary>
    public bool Resume()
    {
        var wasPaused = _pausedBecause is not null;
        _pausedBecause = null;
        return wasPaused;
    }
}
