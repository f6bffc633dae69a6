using System.Net;
using Microsoft.AspNetCore.Connections;

namespace WestmontTextLine.Hosting;

/// <summary>
/// When Kestrel takes its first connections: once the start-up warm-up (<see cref="SmsEndpointWarmup"/>) has answered
/// its text, or <see cref="DefaultLimit"/> after it began. Kestrel listens as it starts, so a text that comes sooner
/// waits in the listen backlog, not refused: it no longer races the warm-up for the JIT and the 2 cores (on a loaded
/// host the first text came before the warm-up had ended in 2 runs of 6, and compiled three times the methods).
/// </summary>
/// <param name="limit">A test's own (infinite: only the warm-up's answer opens it); else <see cref="DefaultLimit"/>.</param>
public sealed class ConnectionsAfterWarmup(TimeSpan? limit = null)
{
    /// <summary>A warm-up slower than this (a stalled machine) holds no text longer; Twilio waits 15 s.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(2);

    private volatile Task _open = Task.CompletedTask;

    public TimeSpan Limit { get; } = limit ?? DefaultLimit;

    /// <summary>Completes once connections may be taken; never faults. Open until a warm-up starts.</summary>
    public Task Open => _open;

    /// <summary>Holds connections until the warm-up completes or the limit passes; call as the warm-up starts.</summary>
    public void Until(Task warmup) =>
        _open = Limit == Timeout.InfiniteTimeSpan ? warmup : Task.WhenAny(warmup, Task.Delay(Limit, TimeProvider.System));
}

/// <summary>Kestrel's own transport, each listener taking connections only once <see cref="ConnectionsAfterWarmup.Open"/>.</summary>
public sealed class ListenersAfterWarmup(IConnectionListenerFactory transport, ConnectionsAfterWarmup gate)
    : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var bound = transport.BindAsync(endpoint, cancellationToken);
        // The socket transport binds at once; no async method for the JIT to compile on the way.
        return bound.IsCompletedSuccessfully ? new(new Listener(bound.Result, gate.Open)) : BindLaterAsync(bound);
    }

    public bool CanBind(EndPoint endpoint) => transport is not IConnectionListenerFactorySelector selector || selector.CanBind(endpoint);

    private async ValueTask<IConnectionListener> BindLaterAsync(ValueTask<IConnectionListener> bound) => new Listener(await bound, gate.Open);

    private sealed class Listener(IConnectionListener bound, Task open) : IConnectionListener
    {
        // Cancelled when Kestrel unbinds (a stop during the warm-up): the accept then returns what the unbound socket gives.
        private readonly CancellationTokenSource _unbound = new();

        public EndPoint EndPoint => bound.EndPoint;

        public ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default) =>
            open.IsCompleted ? bound.AcceptAsync(cancellationToken) : AcceptOnceOpenAsync(cancellationToken);

        private async ValueTask<ConnectionContext?> AcceptOnceOpenAsync(CancellationToken cancellationToken)
        {
            try
            {
                await open.WaitAsync(_unbound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Unbound meanwhile.
            }
            return await bound.AcceptAsync(cancellationToken).ConfigureAwait(false);
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            _unbound.Cancel();
            return bound.UnbindAsync(cancellationToken);
        }

        public ValueTask DisposeAsync()
        {
            _unbound.Cancel();
            return bound.DisposeAsync();
        }
    }
}

public static class ConnectionsAfterWarmupExtensions
{
    /// <summary>Wraps the server's transport (Kestrel's sockets); under a test server, which has none, nothing changes.</summary>
    public static IServiceCollection AddConnectionsAfterWarmup(this IServiceCollection services)
    {
        services.AddSingleton(new ConnectionsAfterWarmup());
        var transport = services.LastOrDefault(service => service.ServiceType == typeof(IConnectionListenerFactory) && !service.IsKeyedService);
        if (transport is null) return services;
        services.Remove(transport);
        services.AddSingleton<IConnectionListenerFactory>(provider =>
            new ListenersAfterWarmup(Create(provider, transport), provider.GetRequiredService<ConnectionsAfterWarmup>()));
        return services;
    }

    private static IConnectionListenerFactory Create(IServiceProvider provider, ServiceDescriptor transport) =>
        (IConnectionListenerFactory)(transport.ImplementationInstance
            ?? transport.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, transport.ImplementationType!));
}
