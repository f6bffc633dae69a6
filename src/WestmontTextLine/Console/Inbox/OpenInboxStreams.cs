using System.Collections.Concurrent;

namespace WestmontTextLine.Console.Inbox;

/// <summary>
/// How many inbox event streams each staff account holds open on this instance. A page holds one; a few tabs are
/// usual. Past <see cref="MaxPerAccount"/> a new stream is refused, so one account (or a stolen session) cannot hold
/// the instance's connections and memory with streams.
/// </summary>
public sealed class OpenInboxStreams
{
    public const int MaxPerAccount = 8;

    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>Counts a stream for the account; null when it already holds the most. Dispose the result when the stream ends.</summary>
    public IDisposable? TryOpen(string account)
    {
        while (true)
        {
            var open = _open.GetValueOrDefault(account);
            if (open >= MaxPerAccount) return null;
            if (open == 0 ? _open.TryAdd(account, 1) : _open.TryUpdate(account, open + 1, open)) return new Opened(this, account);
        }
    }

    private void Close(string account)
    {
        while (true)
        {
            var open = _open.GetValueOrDefault(account);
            if (open <= 1 ? _open.TryRemove(KeyValuePair.Create(account, open)) : _open.TryUpdate(account, open - 1, open)) return;
        }
    }

    private sealed class Opened(OpenInboxStreams streams, string account) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0) streams.Close(account);
        }
    }
}
