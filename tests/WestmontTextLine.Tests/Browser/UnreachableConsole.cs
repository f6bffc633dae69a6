using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The console as a browser sees it while the line restarts: once <see cref="GoDown"/> is called, every /console request
/// (the open event streams included) has its connection dropped, as a stopped process drops it, until
/// <see cref="ComeBack"/>. The line itself keeps running, so texts to /sms still arrive. <see cref="LoseReplyAnswers"/>
/// lets each reply's post through and drops its connection once the line has taken it (until <see cref="ComeBack"/>), as
/// a line that stops just after saving a reply drops it: the reply is in, and the browser never hears so. Every post,
/// not only the first: Chromium posts again by itself once when a kept-alive connection drops before any answer.
/// </summary>
public sealed class UnreachableConsole : IStartupFilter
{
    private readonly ConcurrentDictionary<HttpContext, byte> _inFlight = new();
    private volatile bool _down;
    private volatile bool _loseReplyAnswers;

    public void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    public void GoDown()
    {
        _down = true;
        foreach (var context in _inFlight.Keys) context.Abort();
    }

    public void ComeBack()
    {
        _down = false;
        _loseReplyAnswers = false;
    }

    public void LoseReplyAnswers() => _loseReplyAnswers = true;

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
                if (_loseReplyAnswers && IsReplyPost(context.Request))
                {
                    // Its answer (a redirect, not yet sent) never leaves: the browser's post fails as on a dropped connection.
                    Assert.False(context.Response.HasStarted, "the reply's answer had started before it could be lost");
                    context.Abort();
                }
            }
            finally
            {
                _inFlight.TryRemove(context, out _);
            }
        });
        next(app);
    };

    private static bool IsReplyPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Query["handler"] == "Reply";
}
