using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Support;

public static class UsageToday
{
    /// <summary>Today's counts once everything recorded so far is written: the recorder's queue is first in, first out.</summary>
    public static async Task<Dictionary<string, long>> OfAsync(TextLineFactory factory)
    {
        const string Marker = "test:written";
        factory.Services.GetRequiredService<UsageRecorder>().Record([Marker], factory.Clock.GetUtcNow());
        var counter = factory.Services.GetRequiredService<IUsageCounter>();
        var day = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        Dictionary<string, long> counts = [];
        await Eventually.TrueAsync(() =>
        {
            counts = counter.ReadAsync(day, day).GetAwaiter().GetResult().GroupBy(c => c.Metric).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
            return counts.ContainsKey(Marker);
        }, "the counts written");
        return counts;
    }
}
