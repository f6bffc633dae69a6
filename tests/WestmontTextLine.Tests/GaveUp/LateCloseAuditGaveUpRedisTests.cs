using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// A staff member's Close that stopped part-way (Redis frozen at the queuing of her closing text) is audited once the
/// line has finished it. When that audit write itself meets a frozen Redis, it times out on the line's side while Redis
/// keeps it and runs it on resuming: the finishing is tried again, and must not write the entry a second time.
/// </summary>
public sealed class LateCloseAuditGaveUpRedisTests : HandoffGaveUpRedisTests
{
    private const string Texter = "+16305558391";
    private readonly FinishedLateCalls _finished = new();

    protected override void MoreServices(IServiceCollection services) =>
        services.AddSingleton<ILateStaffCloseListener>(_finished);

    [Fact]
    public async Task A_late_close_whose_audit_write_landed_as_it_timed_out_is_audited_once()
    {
        var audit = Line.Factory.Services.GetRequiredService<IAuditLog>();
        await audit.CountAsync();
        await Line.Phone(Texter).TextAsync("TALK");
        var id = (await Line.OnlyOpenAsync()).Id;
        Assert.Equal(InboxOutcome.Done, await Line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hello, I am Ana."));
        await Line.PassesAsync();

        Pause.Arm(sendLabel: "handoff_closed", auditAppend: true);
        await Assert.ThrowsAsync<CloseFinishesLaterException>(() => Line.Inbox.CloseAsync(id, HandoffLine.Staff));

        // Told after the audit log took the entry: the finishing is over, whatever it tried before.
        await _finished.CalledAsync(TimeSpan.FromSeconds(60));
        await Pause.ResumedAsync();
        var closes = (await audit.ReadAsync(100)).Where(entry => entry.Action == ConsoleAuditActions.ConversationClosed);
        Assert.Equal([$"{HandoffLine.Staff} {InboxActions.Target(id, LateCloseAudit.FinishedLate)}"], closes.Select(entry => $"{entry.Actor} {entry.Target}"));
    }

    private sealed class FinishedLateCalls : ILateStaffCloseListener
    {
        private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FinishedLateAsync(string conversationId, string staffName, CancellationToken cancellationToken)
        {
            _called.TrySetResult();
            return Task.CompletedTask;
        }

        public Task DeletedBeforeFinishedAsync(string conversationId, string staffName, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task CalledAsync(TimeSpan within) => _called.Task.WaitAsync(within);
    }
}
