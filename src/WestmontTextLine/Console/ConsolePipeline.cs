using Microsoft.Extensions.FileProviders;
using WestmontTextLine.Console.Inbox;

namespace WestmontTextLine.Console;

/// <summary>
/// <c>MapConsole</c>: the console's branch under /console, its pipeline built on its first request over the console's
/// own provider (security headers, faults, HTTPS only outside Development, static files, routing, the sign-in limit,
/// authentication and authorization, the pages and the inbox's event stream).
/// </summary>
public static class ConsolePipeline
{
    public static WebApplication MapConsole(this WebApplication app)
    {
        if (!ConsoleServices.Enabled(app.Configuration)) return app;
        var consoleServices = app.Services.GetRequiredService<ConsoleProvider>();
        // Built on the console's first request, not at start: a text arriving while the line starts never waits for
        // the console's services, pages, authentication and static files to be set up.
        var console = new Lazy<RequestDelegate>(() => Build(app, consoleServices.Services),
            LazyThreadSafetyMode.ExecutionAndPublication);
        // A Func, not the keys' own type: naming RedisConsoleKeys here had the JIT load data protection and XML at
        // start, for a line that may never serve a page.
        var keysLoaded = new Lazy<Func<Task>>(() => ConsoleKeyStorage.LoadAhead(consoleServices.Services),
            LazyThreadSafetyMode.ExecutionAndPublication);
        app.Map(ConsoleOptions.PathBase, branch => branch.Run(context =>
        {
            var loading = keysLoaded.Value();
            return loading.IsCompletedSuccessfully ? console.Value(context) : RunAfterAsync(loading, console, context);
        }));
        return app;
    }

    private static async Task RunAfterAsync(Task loading, Lazy<RequestDelegate> console, HttpContext context)
    {
        await loading;
        await console.Value(context);
    }

    // A builder of its own on the console's provider, so the pages get a route table of their own too: in the
    // app's, every text to /sms would be matched against them.
    private static RequestDelegate Build(WebApplication app, IServiceProvider services)
    {
        ConsoleKeysAfterDataLoss.Watch(services);
        var console = new ApplicationBuilder(services);
        console.UseConsoleRequestServices(services);
        var assets = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot", "console"));
        console.UseConsoleSecurityHeaders();
        console.UseConsoleFaults();
        if (!app.Environment.IsDevelopment()) console.Use(RefusePlainHttp);
        console.UseStaticFiles(new StaticFileOptions { FileProvider = assets });
        console.UseRouting();
        console.UseRateLimiter();
        console.UseAuthentication();
        console.UseAuthorization();
        console.UseEndpoints(endpoints =>
        {
            endpoints.MapRazorPages();
            endpoints.MapInboxEvents();
        });
        return console.Build();
    }

    // Its cookies are Secure outside Development, so over plain HTTP a browser would never send them back: say so,
    // instead of a sign-in that silently fails.
    private static Task RefusePlainHttp(HttpContext context, Func<Task> next)
    {
        if (context.Request.IsHttps) return next();
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(ConsoleServices.HttpsOnlyMessage);
    }
}
