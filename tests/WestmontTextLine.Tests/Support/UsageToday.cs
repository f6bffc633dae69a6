using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Support;

public static class UsageToday
{
    /// <summary>
    /// Today's counts once everything recorded so far is written: the recorder's queue is first in, first out, so the
    /// counts are read once this call's own marker is written. Waiting for any marker let a second call in one test
    /// return at once, on the first call's marker, before the counts recorded between the two.
    /// </summary>
    public static async Task<Dictionary<string, long>> OfAsync(TextLineFactory factory)
    {
        const string Marker = "test:written";
        var counter = factory.Services.GetRequiredService<IUsageCounter>();
        var day = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        var markersBefore = Read(counter, day).GetValueOrDefault(Marker);
        factory.Services.GetRequiredService<UsageRecorder>().Record([Marker], factory.Clock.GetUtcNow());
        Dictionary<string, long> counts = [];
        await Eventually.TrueAsync(() =>
        {
            counts = Read(counter, day);
            return counts.GetValueOrDefault(Marker) > markersBefore;
        }, "the counts written");
        return counts;
    }

    private static Dictionary<string, long> Read(IUsageCounter counter, DateOnly day) =>
        counter.ReadAsync(day, day).GetAwaiter().GetResult().GroupBy(c => c.Metric).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
}
