using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WestmontTextLine.Tests.Browser;

/// <summary>Counts the reply posts (<c>POST ...?handler=Reply</c>) the console receives, whatever their answer.</summary>
public sealed class ReplyPostCount : IStartupFilter
{
    private int _posts;

    public int Posts => Volatile.Read(ref _posts);

    public void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Query["handler"] == "Reply") Interlocked.Increment(ref _posts);
            await nextMiddleware(context);
        });
        next(app);
    };
}
