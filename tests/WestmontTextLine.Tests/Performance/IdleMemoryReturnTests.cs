using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WestmontTextLine.Hosting;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Performance;

/// <summary>
/// The line gives back what a burst of texts left committed once the burst is over (issue 18's RSS after the load run,
/// and a host shared with other services): once a burst, never while busy, never for a line that was never busy.
/// </summary>
public class IdleMemoryReturnTests
{
    private const long Busy = IdleMemoryReturn.BusyBytes;

    [Fact]
    public void The_first_quiet_interval_after_a_busy_one_ends_the_burst_and_only_that_one()
    {
        var bursts = new QuietAfterBurst(Busy);
        long total = 0;

        Assert.False(bursts.Observe(total));
        Assert.False(bursts.Observe(total += Busy));
        Assert.False(bursts.Observe(total += 3 * Busy));
        Assert.True(bursts.Observe(total += Busy / 10));
        Assert.False(bursts.Observe(total += Busy / 10));
        Assert.False(bursts.Observe(total));
        Assert.False(bursts.Observe(total += Busy));
        Assert.True(bursts.Observe(total));
    }

    [Fact]
    public void A_line_that_answers_a_text_now_and_then_is_never_told_a_burst_ended()
    {
        var bursts = new QuietAfterBurst(Busy);
        long total = 0;
        for (var i = 0; i < 100; i++) Assert.False(bursts.Observe(total += Busy - 1));
    }

    [Fact]
    public void The_worker_gives_memory_back_once_after_a_burst_and_not_while_it_lasts()
    {
        long total = 0;
        var givenBack = 0;
        using var worker = new IdleMemoryReturn(TimeProvider.System, NullLogger<IdleMemoryReturn>.Instance)
        {
            TotalAllocated = () => total,
            GiveBack = () => givenBack++,
        };
        void Check(long allocated)
        {
            total += allocated;
            worker.CheckOnce();
        }

        Check(0);
        Check(Busy * 4);
        Check(Busy * 4);
        Assert.Equal(0, givenBack);
        Check(0);
        Assert.Equal(1, givenBack);
        Check(0);
        Check(0);
        Assert.Equal(1, givenBack);
    }

    [Fact]
    public async Task The_line_runs_the_check_on_its_clock_once_it_has_answered()
    {
        await using var factory = new TextLineFactory();
        await factory.CreateTwilioClient("+16305550481").TextAsync("hi");
        var worker = factory.Services.GetRequiredService<IdleMemoryReturn>();

        // Started a moment after the first answer: the clock moves on until its timer has been made and has fired.
        await Eventually.TrueAsync(() =>
        {
            factory.Clock.Advance(IdleMemoryReturn.CheckEvery);
            return worker.Checks > 0;
        }, "the idle memory check");
    }

    [Fact]
    public void Giving_memory_back_decommits_the_GCs_free_space()
    {
        Churn();
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;

        MemoryGiveBack.Now();

        var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
        Assert.True(before - after >= 64L * 1024 * 1024, $"the GC committed {before >> 20} MB before and {after >> 20} MB after");
    }

    // 256 MB of large arrays, each written through and let go, half of them kept alive until the end: the GC's heap
    // grows, and what the dropped ones took stays committed until a collection gives it back.
    private static void Churn()
    {
        var kept = new List<byte[]>();
        for (var i = 0; i < 256; i++)
        {
            var array = new byte[1024 * 1024];
            Array.Fill(array, (byte)i);
            if (i % 2 == 0) kept.Add(array);
        }
        GC.KeepAlive(kept);
    }
}
