using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Records;
using WestmontTextLine.Tests.Storage;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// Freezes the Redis server for 3 seconds just before the armed step goes to it: an outbox text with the given
/// label, or a write of a private record of the given kind.
/// </summary>
public sealed class PauseRedisOnce(RedisServer redis)
{
    private static readonly TimeSpan PauseFor = TimeSpan.FromSeconds(3);
    private string? _sendLabel;
    private string? _recordKind;
    private Task _resumed = Task.CompletedTask;

    public void Arm(string? sendLabel = null, string? recordKind = null)
    {
        _sendLabel = sendLabel;
        _recordKind = recordKind;
    }

    public async Task ResumedAsync()
    {
        await _resumed;
        // Whatever Redis held for the frozen connections has run once this answers.
        using var connection = WestmontTextLine.Storage.RedisConnection.Connect(redis.ConnectionString);
        await connection.GetDatabase().PingAsync();
    }

    public void Install(IServiceCollection services)
    {
        services.AddSingleton<IOutboundTexts>(provider => new PausingOutbox(ActivatorUtilities.CreateInstance<OutboundTexts>(provider), this));
        services.AddSingleton<IPrivateRecords>(provider =>
            new PausingRecords(new RedisPrivateRecords(provider.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>()), this));
    }

    private void PauseIf(bool armed)
    {
        if (!armed) return;
        _sendLabel = _recordKind = null;
        redis.Pause();
        _resumed = Task.Delay(PauseFor).ContinueWith(_ => redis.Resume(), TaskScheduler.Default);
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
}
