using StackExchange.Redis;

namespace WestmontTextLine.Console;

/// <summary>
/// Redis pub/sub news that an instance wrote a console sign-in key: the others read their keys at once
/// (<see cref="RedisConsoleKeys"/>), not when a cookie signed with it first arrives. News lost (a subscriber
/// disconnected then) is made up for by <see cref="ConsoleKeysWatch"/>'s look every 10 seconds.
/// </summary>
public static class ConsoleKeysWritten
{
    public static readonly RedisChannel Channel = RedisChannel.Literal(ConsoleKeyStorage.RedisKey + ":written");

    /// <summary>Tells the other instances, without waiting for Redis's answer.</summary>
    public static void Announce(IDatabase database) => database.Publish(Channel, "", CommandFlags.FireAndForget);

    public static Task SubscribeAsync(IDatabase database, Action written) =>
        database.Multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, _) => written());
}
