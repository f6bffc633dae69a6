using StackExchange.Redis;

namespace WestmontTextLine.Storage;

/// <summary>
/// The connections that instances of the line (or its operator tools) hold open to Redis, found by their client name
/// (<see cref="RedisConnection.ClientName"/>) in CLIENT LIST. On SQLite a tool that must not run beside the line takes
/// the database's lock; on Redis there is no such lock, and this is how `rekey` tells that the line still runs.
/// Looked at on a connection of its own, under another name, so the caller's own connections are not counted as long
/// as the caller has not connected yet.
/// </summary>
public static class RedisLineClients
{
    public const string LookerName = RedisConnection.ClientName + "-looking";
    private static readonly TimeSpan BetweenLooks = TimeSpan.FromSeconds(1);
    private const int Looks = 3;

    /// <summary>
    /// How many connections of the line are open, looked at up to three times a second apart (one just closed, by a
    /// tool that ended, may still be listed for a moment); null when Redis does not let CLIENT LIST be run (an ACL).
    /// </summary>
    public static async Task<int?> CountAsync(string? connectionString, CancellationToken cancellationToken = default)
    {
        var options = RedisConnection.Options(connectionString);
        options.AllowAdmin = true;
        options.ClientName = LookerName;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        for (var look = 1; ; look++)
        {
            int count;
            try
            {
                count = 0;
                foreach (var server in connection.GetServers().Where(server => !server.IsReplica))
                {
                    count += (await server.ClientListAsync().WaitAsync(cancellationToken)).Count(client => client.Name == RedisConnection.ClientName);
                }
            }
            catch (RedisServerException)
            {
                return null;
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
            {
                throw new InvalidOperationException(
                    $"Storage: Redis at {string.Join(", ", options.EndPoints.Select(EndPointCollection.ToString))} does not answer ({ex.GetType().Name}).", ex);
            }
            if (count == 0 || look == Looks) return count;
            await Task.Delay(BetweenLooks, cancellationToken);
        }
    }
}
