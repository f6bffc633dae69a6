using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WestmontTextLine.Tests.Browser;

/// <summary>Counts the requests of one kind the line receives, whatever their answer.</summary>
public sealed class CountedRequests(Func<HttpRequest, bool> counts) : IStartupFilter
{
    private int _count;

    /// <summary>The reply posts (<c>POST ...?handler=Reply</c>).</summary>
    public static CountedRequests ReplyPosts() => new(request => HttpMethods.IsPost(request.Method) && request.Query["handler"] == "Reply");

    /// <summary>The inbox's shift panel fetched by its script (<c>GET /console/Inbox?handler=Shift</c>).</summary>
    public static CountedRequests ShiftPartFetches() => new(request => HttpMethods.IsGet(request.Method) && request.Query["handler"] == "Shift");

    public int Count => Volatile.Read(ref _count);

    public void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (counts(context.Request)) Interlocked.Increment(ref _count);
            await nextMiddleware(context);
        });
        next(app);
    };
}
