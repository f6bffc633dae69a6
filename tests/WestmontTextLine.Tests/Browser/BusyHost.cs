using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// The line on a busy host, in the order a loaded CI machine once took: the reply's post answered a while after it ran
/// (after its inbox event went out), and the live part a while longer after the page's script asked for it.
/// </summary>
public sealed class BusyHost : IStartupFilter
{
    private static readonly TimeSpan ReplyAnsweredLate = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LivePartAnsweredLate = TimeSpan.FromMilliseconds(400);

    public static void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter>(new BusyHost());

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var handler = context.Request.Query["handler"].ToString();
            if (handler == "Live" && context.Request.Headers.ContainsKey("X-Console-Refresh")) await Task.Delay(LivePartAnsweredLate);
            await nextMiddleware(context);
            if (handler == "Reply" && HttpMethods.IsPost(context.Request.Method)) await Task.Delay(ReplyAnsweredLate);
        });
        next(app);
    };
}
