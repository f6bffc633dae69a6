using System.Net;
using StackExchange.Redis;

namespace WestmontTextLine.Storage;

/// <summary>
/// The one connection to Redis that the whole app shares. Its timeouts are short and it fails fast while
/// disconnected, so that a Redis fault reaches the texter as the safety fallback in about a second, well inside
/// the 3 s storage budget and Twilio's 15 s.
/// </summary>
public static class RedisConnection
{
    public const int TimeoutMilliseconds = 1500;

    /// <summary>The client name every connection of the line and of its operator tools gives Redis (CLIENT LIST shows it).</summary>
    public const string ClientName = "westmont-text-line";

    // Put before the operator's string, so any of these can still be overridden there.
    private static readonly string Defaults =
        $"abortConnect=false,connectTimeout={TimeoutMilliseconds},syncTimeout={TimeoutMilliseconds}," +
        $"asyncTimeout={TimeoutMilliseconds},connectRetry=1,keepAlive=5,name={ClientName}";

    public static ConfigurationOptions Options(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Storage:ConnectionString must name the Redis server, e.g. localhost:6379.");
        }
        var options = ConfigurationOptions.Parse($"{Defaults},{connectionString}");
        // Options alone (password=..., with the host in a variable that was never set) crashed the start with a stack
        // trace (StackExchange.Redis: "No endpoints specified"), after the settings check had passed it.
        if (options.EndPoints.Count == 0)
        {
            throw new InvalidOperationException("it names no server: it begins with the server's host:port");
        }
        // A port with no host (:6379, from Storage__ConnectionString="$REDIS_HOST:6379" with the variable unset) is read
        // as a server whose host name is ":6379" on the default port: the line started, warned that Redis "at :6379" did
        // not answer, and gave every texter the safety fallback, whatever Redis was running. A URL (redis://host:6379,
        // as other clients take it) is read the same way, and the warning printed it whole: a password in it too.
        if (options.EndPoints.Any(endpoint => NoHostName(endpoint) && ((DnsEndPoint)endpoint).Host.Contains("://", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                "it is written as a URL (redis://...), which StackExchange.Redis does not read: write the server as host:port, and any password as an option after it (localhost:6379,password=...)");
        }
        if (options.EndPoints.Any(NoHostName))
        {
            throw new InvalidOperationException("a server has no host name before its port, as in :6379");
        }
        // StackExchange.Redis reads any part without '=' as a server, wherever it stands: a password holding a comma
        // (password=ab,cd) gave a "server" cd, which authentication then failed against and the "does not answer"
        // warning printed: a piece of the secret in the log. Servers come first; a server after an option is refused,
        // and never named.
        if (ServerAfterAnOption(connectionString))
        {
            throw new InvalidOperationException(
                "a part after its options has no '=' and would be read as another server: servers come first, and a password cannot hold a comma here");
        }
        // Queueing commands while disconnected would make every text wait for the timeout; failing at once
        // gives the fallback at once.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        // A steady retry instead of the default growing back-off, so the line recovers soon after Redis does.
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        // Replies are read on .NET's thread pool, where the texts' continuations run anyway, not on the client's own pool
        // of 10 reader threads: on 2 cores each awaited reply woke one of those, then a pool thread, and the switches were
        // about 40% of the line's CPU a text (bench/README, "What changed the line's figures", 2026-12-06). Nothing on the
        // line blocks a pool thread waiting for Redis, which is what the client's own pool guards against.
        options.SocketManager = SocketManager.ThreadPool;
        return options;
    }

    /// <summary>A host name no server has: empty, or holding a colon or a space (an IP address is parsed as one, never this).</summary>
    private static bool NoHostName(EndPoint endpoint) =>
        endpoint is DnsEndPoint { Host: var host } && (host.Length == 0 || host.Contains(':') || host.Any(char.IsWhiteSpace));

    private static bool ServerAfterAnOption(string connectionString)
    {
        var anOption = false;
        foreach (var part in connectionString.Split(','))
        {
            if (part.Contains('=')) anOption = true;
            else if (anOption && part.Trim().Length > 0) return true;
        }
        return false;
    }

    /// <summary>
    /// Returns even when Redis is down (the line starts degraded and reconnects in the background), and then says
    /// where it is trying: a mistyped host or port would otherwise look like an outage of Redis itself.
    /// </summary>
    public static ConnectionMultiplexer Connect(string? connectionString, ILogger? logger = null)
    {
        var options = Options(connectionString);
        var connection = ConnectionMultiplexer.Connect(options);
        if (!connection.IsConnected)
        {
            logger?.LogWarning("Storage: Redis at {Endpoints} does not answer yet; texts get the safety reply until it does. The line tries again every second.",
                string.Join(", ", options.EndPoints.Select(EndPointCollection.ToString)));
        }
        if (logger is not null)
        {
            // At start, and each time Redis is back (a Redis restarted without its append-only file has just lost
            // every opt-out): checked off every text's path.
            if (connection.IsConnected) _ = WarnIfNotPersistentAsync(connection, logger);
            connection.ConnectionRestored += (_, restored) =>
            {
                if (restored.ConnectionType == ConnectionType.Interactive) _ = WarnIfNotPersistentAsync(connection, logger);
            };
        }
        return connection;
    }

    private const string PolicyField = "maxmemory_policy:";

    /// <summary>
    /// One warning when Redis runs without its append-only file: an opt-out lives only in Redis, and a restart of such
    /// a Redis forgets it (found from outside: after one, a texter who had sent STOP was welcomed again, /healthz
    /// 200, nothing logged). One more when it may evict keys when full (any maxmemory-policy but noeviction): an evicted
    /// session is a lost opt-out. A Redis that does not allow INFO is not judged.
    /// </summary>
    public static async Task WarnIfNotPersistentAsync(IConnectionMultiplexer connection, ILogger logger)
    {
        try
        {
            // INFO through a script: StackExchange.Redis refuses INFO itself unless admin mode is on, which the line does
            // not need otherwise. The script runs on the primary, where the line writes.
            var info = (string?)await connection.GetDatabase().ScriptEvaluateAsync(
                "return redis.call('INFO', 'persistence') .. redis.call('INFO', 'memory')");
            var lines = info?.Split('\n').Select(line => line.Trim()).ToList() ?? [];
            var endpoints = string.Join(", ", connection.GetEndPoints().Select(EndPointCollection.ToString));
            if (lines.Contains("aof_enabled:0"))
            {
                logger.LogWarning("Storage: Redis at {Endpoints} runs without its append-only file (appendonly no): a restart of Redis loses every " +
                    "opt-out, check-in timer and pending deletion. Set appendonly yes in redis.conf (README, \"Redis persistence\").", endpoints);
            }
            // Any policy but noeviction lets a full Redis drop keys: a session with its opt-out, a safety plan with its timer, a chat.
            if (lines.FirstOrDefault(line => line.StartsWith(PolicyField, StringComparison.Ordinal))?[PolicyField.Length..] is { } policy
                && policy != "noeviction")
            {
                logger.LogWarning("Storage: Redis at {Endpoints} evicts keys when it is full (maxmemory-policy {Policy}): an evicted key is a lost " +
                    "opt-out, check-in timer, safety plan or chat with staff. Set maxmemory-policy noeviction in redis.conf (README, \"Redis persistence\").",
                    endpoints, policy);
            }
        }
        catch (Exception)
        {
            // INFO refused in scripts, or Redis gone again: nothing to say here; /healthz says whether Redis answers.
        }
    }
}
