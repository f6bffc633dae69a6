using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Support;

public sealed class UsageTodayTests
{
    [Fact]
    public async Task A_second_read_in_one_test_has_the_counts_recorded_since_the_first()
    {
        await using var factory = new TextLineFactory();
        factory.CreateClient();
        var recorder = factory.Services.GetRequiredService<UsageRecorder>();
        recorder.Record(["test:counted"], factory.Clock.GetUtcNow());
        Assert.Equal(1, (await UsageToday.OfAsync(factory)).GetValueOrDefault("test:counted"));

        recorder.Record(["test:counted"], factory.Clock.GetUtcNow());
        Assert.Equal(2, (await UsageToday.OfAsync(factory)).GetValueOrDefault("test:counted"));
    }
}
