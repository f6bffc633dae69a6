using StackExchange.Redis;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>How the line's one connection to Redis is set up, whatever the operator's connection string adds.</summary>
public sealed class RedisConnectionOptionsTests
{
    /// <summary>
    /// On the client's default reader pool, each awaited reply woke one of its own threads and then a thread-pool thread:
    /// on 2 cores the line spent 212-263 µs of CPU a text on Redis against 127-149 with replies read on the thread pool
    /// (bench/README, 2026-12-06).
    /// </summary>
    [Theory]
    [InlineData("localhost:6379")]
    [InlineData("localhost:6379,password=secret,ssl=false")]
    public void The_lines_connection_reads_replies_on_the_thread_pool_not_on_a_reader_pool_of_its_own(string connectionString)
    {
        Assert.Same(SocketManager.ThreadPool, RedisConnection.Options(connectionString).SocketManager);
    }
}
