using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// Two instances on one Redis. An instance claims her FORGET's withdrawal and dies before it is done: the other does
/// it once the claim's short lease ends, not 2 minutes later, and the text to her waiting in the outbox is withdrawn,
/// never sent; within the lease the other withdraws it too (a trial from outside had it sent meanwhile), and leaves
/// the FORGET to its holder.
/// </summary>
public sealed class KilledInstanceForgetLeaseTests
{
    private const string Texter = "+16305558251";

    [Fact]
    public async Task A_forget_a_killed_instance_had_claimed_is_done_by_the_other_after_the_claims_short_lease()
    {
        await using var lines = await KilledHoldingHerForgetAsync();
        var other = lines.Other;

        // 25 s on (the claim's lease is 20 s, in seconds written out so that a longer lease fails here).
        await other.AdvanceAsync(TimeSpan.FromSeconds(25));
        Assert.Empty(other.SentTo(Texter));
        var work = other.Factory.Services.GetRequiredService<IScheduledWork>();
        Assert.Equal(0, await work.CountAsync(WorkKinds.Forget));
        Assert.Equal(0, await work.CountAsync(WorkKinds.Send));
    }

    [Fact]
    public async Task A_text_to_her_is_withdrawn_not_sent_by_the_other_while_the_killed_instances_lease_on_her_forget_runs()
    {
        await using var lines = await KilledHoldingHerForgetAsync();
        var other = lines.Other;

        // The same moment: the killed instance's lease on her FORGET stands, and the other's pass sends her nothing.
        await other.PassesAsync();
        Assert.Empty(other.SentTo(Texter));
        var work = other.Factory.Services.GetRequiredService<IScheduledWork>();
        Assert.Equal(0, await work.CountAsync(WorkKinds.Send));
        Assert.Equal(1, await work.CountAsync(WorkKinds.Forget));

        await other.AdvanceAsync(TimeSpan.FromSeconds(25));
        Assert.Empty(other.SentTo(Texter));
        Assert.Equal(0, await work.CountAsync(WorkKinds.Forget));
    }

    /// <summary>
    /// Two instances: a text waiting for her (queued by the other), her FORGET (to the first), and the first killed once it
    /// claimed the withdrawal.
    /// </summary>
    private static async Task<TwoInstancesOnOneRedis> KilledHoldingHerForgetAsync()
    {
        var dies = new DiesAfterClaimingForget();
        var lines = await TwoInstancesOnOneRedis.StartAsync(firstServices: dies.Install);
        try
        {
            var killed = lines.First;
            await lines.Other.Factory.Services.GetRequiredService<IOutboundTexts>().SendAsync(Texter, "A text waiting for her.", "test");
            await killed.Phone(Texter).TextAsync("hi");
            await killed.Phone(Texter).TextAsync("FORGET");

            using (var dying = new CancellationTokenSource())
            {
                var pass = killed.Factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(dying.Token);
                await dies.Claimed.Task.WaitAsync(TimeSpan.FromSeconds(60));
                await RedisEngine.Of(killed.Factory.Services).CloseAsync(allowCommandsToComplete: false);
                await dying.CancelAsync();
                await Task.WhenAny(pass);
            }
            await killed.DisposeAsync();
            return lines;
        }
        catch
        {
            await lines.DisposeAsync();
            throw;
        }
    }

    /// <summary>The line's queue on Redis, that never comes back from a claim of a FORGET: its process died just then.</summary>
    private sealed class DiesAfterClaimingForget
    {
        public TaskCompletionSource Claimed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Install(IServiceCollection services) =>
            services.AddSingleton<IScheduledWork>(provider => new Queue(new RedisScheduledWork(RedisEngine.Of(provider)), Claimed));

        private sealed class Queue(IScheduledWork inner, TaskCompletionSource claimed) : ForwardingScheduledWork(inner)
        {
            public override async Task<IReadOnlyList<ScheduledItem>> ClaimDueAsync(string kind, DateTimeOffset now, int max, TimeSpan lease,
                CancellationToken cancellationToken = default)
            {
                var due = await base.ClaimDueAsync(kind, now, max, lease, cancellationToken);
                if (kind != WorkKinds.Forget || due.Count == 0) return due;
                claimed.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return due;
            }
        }
    }
}
