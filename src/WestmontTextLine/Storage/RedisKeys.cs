namespace WestmontTextLine.Storage;

/// <summary>
/// The names of the line's Redis keys, all under one prefix so that one Redis can serve more than one line.
/// A session key holds the sender key (a keyed hash), never a phone number.
/// </summary>
public sealed record RedisKeys(string Prefix = RedisKeys.DefaultPrefix)
{
    public const string DefaultPrefix = "wtl:";

    public string Session(string senderKey) => $"{Prefix}session:{senderKey}";

    public string SessionPattern => $"{Prefix}session:*";

    /// <summary>The sender's lock shared by the instances (<see cref="RedisSenderLocks"/>): a random token, for a few seconds.</summary>
    public string SenderLock(string senderKey) => $"{Prefix}lock:{senderKey}";

    public string Usage(DateOnly day) => $"{Prefix}usage:{day:yyyy-MM-dd}";

    /// <summary>What /healthz writes: a time, kept a minute, so a Redis that answers but refuses writes is seen.</summary>
    public string Health => $"{Prefix}health";

    /// <summary>A random id and a counter (<see cref="RedisDataMarker"/>), by which the line notices that Redis lost its data.</summary>
    public string DataMarker => $"{Prefix}data-marker";
}
