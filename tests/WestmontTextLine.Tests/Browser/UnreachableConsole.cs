using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The console as a browser sees it while the line restarts: once <see cref="GoDown"/> is called, every /console request
/// (the open event streams included) has its connection dropped, as a stopped process drops it, until
/// <see cref="ComeBack"/>. The line itself keeps running, so texts to /sms still arrive.
/// </summary>
public sealed class UnreachableConsole : IStartupFilter
{
    private readonly ConcurrentDictionary<HttpContext, byte> _inFlight = new();
    private volatile bool _down;

    public void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    public void GoDown()
    {
        _down = true;
        foreach (var context in _inFlight.Keys) context.Abort();
    }

    public void ComeBack() => _down = false;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (!context.Request.Path.StartsWithSegments("/console"))
            {
                await nextMiddleware(context);
                return;
            }
            // Counted before the check, so a request that starts as the line goes down is dropped by one or the other.
            _inFlight.TryAdd(context, 0);
            try
            {
                if (_down)
                {
                    context.Abort();
                    return;
                }
                await nextMiddleware(context);
            }
            finally
            {
                _inFlight.TryRemove(context, out _);
            }
        });
        next(app);
    };
}
