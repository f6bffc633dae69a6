using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Conversations;
using WestmontTextLine.Outbound;
using WestmontTextLine.Records;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Sessions;
using WestmontTextLine.Tests.Storage;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// Freezes the Redis server for 3 seconds just before the armed step goes to it: an outbox text with the given
/// label, a write of a private record of the given kind, the queuing of scheduled work of the given kind, or a save of
/// a session; or an append to the audit log, armed apart, so that it can follow another armed step (a staff Close that
/// stopped part-way, audited once the line has finished it).
/// The line it is installed in runs its texts on the tests' long storage budget, but a text that starts between
/// <see cref="Arm"/> and Redis running on again runs on the line's own 3 s: the text that meets the freeze gives up as the
/// line would, while the texts before and after it are not turned into the fallback by a loaded machine.
/// </summary>
public sealed class PauseRedisOnce(RedisServer redis)
{
    private static readonly TimeSpan PauseFor = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan TestsBudget = TimeSpan.FromSeconds(60);
    private volatile bool _onLinesBudget;
    private string? _sendLabel;
    private string? _recordKind;
    private string? _workKind;
    private bool _sessionSave;
    private volatile bool _auditAppend;
    private Task _resumed = Task.CompletedTask;

    public void Arm(string? sendLabel = null, string? recordKind = null, string? workKind = null, bool sessionSave = false, bool auditAppend = false)
    {
        _auditAppend = auditAppend;
        _sendLabel = sendLabel;
        _recordKind = recordKind;
        _workKind = workKind;
        _sessionSave = sessionSave;
        _onLinesBudget = true;
    }

    private TimeSpan StorageBudget => _onLinesBudget ? ConversationService.StorageBudget : TestsBudget;

    public async Task ResumedAsync()
    {
        await _resumed;
        // Whatever Redis held for the frozen connections has run once this answers.
        using var connection = WestmontTextLine.Storage.RedisConnection.Connect(redis.ConnectionString);
        await connection.GetDatabase().PingAsync();
    }

    public void Install(IServiceCollection services)
    {
        services.AddSingleton(new ConversationBudget(() => StorageBudget));
        services.AddSingleton<IOutboundTexts>(provider => new PausingOutbox(ActivatorUtilities.CreateInstance<OutboundTexts>(provider), this));
        services.AddSingleton<IPrivateRecords>(provider =>
            new PausingRecords(new RedisPrivateRecords(WestmontTextLine.Storage.RedisEngine.Of(provider)), this));
        services.AddSingleton<IAuditLog>(provider =>
            new PausingAuditLog(new RedisAuditLog(WestmontTextLine.Storage.RedisEngine.Of(provider)), this));
        services.AddSingleton<IScheduledWork>(provider =>
            new PausingWork(new RedisScheduledWork(WestmontTextLine.Storage.RedisEngine.Of(provider)), this));
        var sessions = services.Last(d => d.ServiceType == typeof(ISessionStore));
        services.Remove(sessions);
        services.AddSingleton<ISessionStore>(provider => new PausingSessions((ISessionStore)sessions.ImplementationFactory!(provider), this));
    }

    private void PauseIf(bool armed)
    {
        if (!armed) return;
        _sendLabel = _recordKind = _workKind = null;
        _sessionSave = false;
        Freeze();
    }

    private void PauseAtAuditAppend()
    {
        if (!_auditAppend) return;
        _auditAppend = false;
        Freeze();
    }

    private void Freeze()
    {
        redis.Pause();
        _resumed = Task.Delay(PauseFor).ContinueWith(_ =>
        {
            redis.Resume();
            _onLinesBudget = false;
        }, TaskScheduler.Default);
    }

    private sealed class PausingOutbox(IOutboundTexts inner, PauseRedisOnce pause) : ForwardingOutboundTexts(inner)
    {
        public override Task<string> SendAsync(string to, string body, string label, CancellationToken cancellationToken = default)
        {
            pause.PauseIf(label == pause._sendLabel);
            return base.SendAsync(to, body, label, cancellationToken);
        }

        public override Task SendAsAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default)
        {
            pause.PauseIf(label == pause._sendLabel);
            return base.SendAsAsync(id, to, body, label, cancellationToken);
        }

        public override Task<string> SendOrNothingAsync(string to, string body, string label, CancellationToken cancellationToken = default)
        {
            pause.PauseIf(label == pause._sendLabel);
            return base.SendOrNothingAsync(to, body, label, cancellationToken);
        }

        public override Task SendAsOrNothingAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default)
        {
            pause.PauseIf(label == pause._sendLabel);
            return base.SendAsOrNothingAsync(id, to, body, label, cancellationToken);
        }
    }

    private sealed class PausingRecords(IPrivateRecords inner, PauseRedisOnce pause) : ForwardingPrivateRecords(inner)
    {
        public override Task<bool> TryPutAsync(string kind, string key, byte[] payload, long expectedVersion, DateTimeOffset? expiresAt, DateTimeOffset now,
            CancellationToken cancellationToken = default)
        {
            pause.PauseIf(kind == pause._recordKind);
            return base.TryPutAsync(kind, key, payload, expectedVersion, expiresAt, now, cancellationToken);
        }
    }

    private sealed class PausingWork(IScheduledWork inner, PauseRedisOnce pause) : ForwardingScheduledWork(inner)
    {
        public override Task ScheduleAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload = null, CancellationToken cancellationToken = default)
        {
            pause.PauseIf(kind == pause._workKind);
            return base.ScheduleAsync(kind, id, dueAt, payload, cancellationToken);
        }

        public override Task ScheduleOrNothingAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload = null, CancellationToken cancellationToken = default)
        {
            pause.PauseIf(kind == pause._workKind);
            return base.ScheduleOrNothingAsync(kind, id, dueAt, payload, cancellationToken);
        }
    }

    private sealed class PausingAuditLog(IAuditLog inner, PauseRedisOnce pause) : IAuditLog
    {
        public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
        {
            pause.PauseAtAuditAppend();
            return inner.AppendAsync(entry, cancellationToken);
        }

        public Task<IReadOnlyList<AuditEntry>> ReadAsync(int newestCount, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(newestCount, cancellationToken);

        public IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken = default) => inner.ReadAllAsync(cancellationToken);

        public Task<AuditView> ReadViewAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default) =>
            inner.ReadViewAsync(filter, page, pageSize, cancellationToken);

        public Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
            inner.PurgeOlderThanAsync(cutoff, cancellationToken);

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);
    }

    private sealed class PausingSessions(ISessionStore inner, PauseRedisOnce pause) : ISessionStore
    {
        public Task<bool> SaveAsync(string senderKey, Session session, DateTimeOffset? notAfter = null, CancellationToken cancellationToken = default)
        {
            pause.PauseIf(pause._sessionSave);
            return inner.SaveAsync(senderKey, session, notAfter, cancellationToken);
        }

        public Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default) => inner.LoadAsync(senderKey, cancellationToken);

        public Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default) => inner.DeleteAsync(senderKey, cancellationToken);

        public Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default) =>
            inner.PurgeIdleAsync(idleBefore, cancellationToken);

        public Task PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);
    }
}
