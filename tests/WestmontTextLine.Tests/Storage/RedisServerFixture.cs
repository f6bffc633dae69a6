using StackExchange.Redis;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>One real redis-server shared by the tests of the "Redis" collection, with a connection for them to look inside.</summary>
public sealed class RedisServerFixture : IDisposable
{
    public RedisServerFixture()
    {
        Server = RedisServer.Start();
        Connection = RedisConnection.Connect(Server.ConnectionStringWithoutTheLinesTimeout);
    }

    public RedisServer Server { get; }
    public IConnectionMultiplexer Connection { get; }
    public IDatabase Database => Connection.GetDatabase();

    public void Dispose()
    {
        Connection.Dispose();
        Server.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Redis";
}
