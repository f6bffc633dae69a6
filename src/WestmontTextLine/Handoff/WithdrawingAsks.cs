using System.Collections.Concurrent;

namespace WestmontTextLine.Handoff;

/// <summary>
/// Her asks for a person (their MessageSids) whose opening failed in this process, from the failure until the clean-up
/// has noted them in her record (<see cref="HandoffTexter.FailedAsks"/>, <see cref="UnopenedConversations"/>). Twilio's
/// retry of one comes within seconds, often before that: it gets the fallback again, as a retry after the clean-up does.
/// </summary>
public sealed class WithdrawingAsks
{
    private readonly ConcurrentDictionary<(string TexterKey, string Sid), byte> _asks = new();

    public void Add(string texterKey, IEnumerable<string> sids)
    {
        foreach (var sid in sids) _asks[(texterKey, sid)] = 0;
    }

    public void Remove(string texterKey, IEnumerable<string> sids)
    {
        foreach (var sid in sids) _asks.TryRemove((texterKey, sid), out _);
    }

    public bool Holds(string texterKey, string sid) => _asks.ContainsKey((texterKey, sid));
}
