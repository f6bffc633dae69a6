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
/// never sent. (Within the lease a pass of the other's would still send it: the short lease makes that 20 s.)
/// </summary>
public sealed class KilledInstanceForgetLeaseTests
{
    private const string Texter = "+16305558251";

    [Fact]
    public async Task A_forget_a_killed_instance_had_claimed_is_done_by_the_other_after_the_claims_short_lease()
    {
        var dies = new DiesAfterClaimingForget();
        await using var lines = await TwoInstancesOnOneRedis.StartAsync(firstServices: dies.Install);
        var (killed, other) = (lines.First, lines.Other);
        await other.Factory.Services.GetRequiredService<IOutboundTexts>().SendAsync(Texter, "A text waiting for her.", "test");
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

        // 25 s on (the claim's lease is 20 s, in seconds written out so that a longer lease fails here).
        await other.AdvanceAsync(TimeSpan.FromSeconds(25));
        Assert.Empty(other.SentTo(Texter));
        var work = other.Factory.Services.GetRequiredService<IScheduledWork>();
        Assert.Equal(0, await work.CountAsync(WorkKinds.Forget));
        Assert.Equal(0, await work.CountAsync(WorkKinds.Send));
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
