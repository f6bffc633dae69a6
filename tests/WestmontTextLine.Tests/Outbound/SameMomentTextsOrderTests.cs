using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// Texts to one number queued in the same millisecond (the test's clock stands still, as a fast host's may) have the
/// same due time: they go out in the order they were queued, not in the order of random ids (a killed instance's test
/// saw its second text sent first in 1 of 2 runs).
/// </summary>
public sealed class SameMomentTextsOrderTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task Texts_to_one_number_queued_at_one_moment_go_out_in_the_order_queued(string store)
    {
        using var redis = store == "redis" ? RedisServer.Start() : null;
        await using var line = await CheckInLine.StartOnAsync(redis);
        var texter = TestNumbers.Next();
        var outbox = line.Factory.Services.GetRequiredService<IOutboundTexts>();
        string[] queued = ["One.", "Two.", "Three.", "Four.", "Five.", "Six."];
        foreach (var body in queued) await outbox.SendAsync(texter, body, "test");

        await line.PassesAsync();

        Assert.Equal(queued, line.SentTo(texter));
    }
}
