using StackExchange.Redis;

namespace WestmontTextLine.Storage;

/// <summary>
/// The one Redis multiplexer the whole app shares, registered under a type of the line's own: registering
/// <see cref="IConnectionMultiplexer"/> itself named a StackExchange.Redis type in AddStorage, and a line on SQLite
/// loaded the client (0.6 MB mapped) at start. The container disposes it at shutdown.
/// </summary>
public sealed class RedisEngine(IConnectionMultiplexer connection) : IDisposable, IAsyncDisposable
{
    public IConnectionMultiplexer Connection { get; } = connection;

    public static IConnectionMultiplexer Of(IServiceProvider provider) => provider.GetRequiredService<RedisEngine>().Connection;

    public void Dispose() => Connection.Dispose();

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
