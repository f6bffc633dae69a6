using Microsoft.Extensions.Options;

namespace WestmontTextLine.Settings;

/// <summary>
/// <c>IOptions&lt;T&gt;</c> for one of the line's own sections, taken from the one instance the options monitor keeps,
/// so that the settings check at start, the host's ValidateOnStart and every service that reads the section share one
/// binding and one validation. The stock <c>IOptions&lt;T&gt;</c> makes an instance of its own, and the check and the
/// host's validator made one each again: every section was bound and validated three times at start.
/// Like the stock one, it keeps the first value for good: a changed appsettings.json reaches the monitor, not this.
/// </summary>
public sealed class OptionsReadOnce<T>(IOptionsMonitor<T> monitor) : IOptions<T> where T : class
{
    private T? _value;

    public T Value => _value ??= monitor.Get(Options.DefaultName);
}
