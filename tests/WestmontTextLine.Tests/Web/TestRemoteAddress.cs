using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// The test server has no remote address: this startup filter gives each request the address named in its
/// <see cref="Header"/>, before anything else in the pipeline reads it (the forwarded-headers middleware, the rate
/// limiter, the console's sign-in).
/// </summary>
public sealed class TestRemoteAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public static void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter, TestRemoteAddress>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header], out var address)) context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };
}
