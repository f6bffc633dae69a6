using Microsoft.Extensions.Options;

namespace WestmontTextLine.Outbound;

/// <summary>
/// The provider's named HttpClient, from a container of its own that is built at the first call to the provider
/// (<see cref="TwilioApiServices.AddTwilioHttpClient"/>). Registering it with the line's container loaded six
/// assemblies (System.Net.Http, Microsoft.Extensions.Http, Polly and the resilience handler's) on the start's main
/// thread, before Kestrel listens, for something no incoming text needs. The pipeline follows the line's
/// <see cref="TimeProvider"/> (a test's fake clock) and reads the same <see cref="TwilioApiOptions"/>.
/// </summary>
public sealed class TwilioHttpClients(IOptions<TwilioApiOptions> options, TimeProvider? time = null) : IAsyncDisposable, IDisposable
{
    private readonly Lock _gate = new();
    private ServiceProvider? _clients;
    private bool _disposed;

    public System.Net.Http.HttpClient CreateClient() =>
        Clients().GetRequiredService<IHttpClientFactory>().CreateClient(TwilioApiServices.HttpClientName);

    private ServiceProvider Clients()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _clients ??= new ServiceCollection()
                .AddSingleton(options)
                .AddSingleton(time ?? TimeProvider.System)
                .AddTwilioHttpClient()
                .BuildServiceProvider();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (TakeForDisposal() is { } clients) await clients.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => TakeForDisposal()?.Dispose();

    private ServiceProvider? TakeForDisposal()
    {
        lock (_gate)
        {
            _disposed = true;
            var clients = _clients;
            _clients = null;
            return clients;
        }
    }
}
