namespace WestmontTextLine.Console;

/// <summary>
/// Each console request resolves its services from a scope of the console's provider (<see cref="ConsoleProvider"/>),
/// not the line's, and the request is what the console's IHttpContextAccessor returns (Identity's sign-in reads
/// it); the line, which has no accessor, never sets one for a text.
/// </summary>
public static class ConsoleRequestServices
{
    public static IApplicationBuilder UseConsoleRequestServices(this IApplicationBuilder console, IServiceProvider services)
    {
        var accessor = services.GetService<IHttpContextAccessor>();
        return console.Use(async (context, next) =>
        {
            // The scope lives as the host's own request scope does: until the response has been sent, so that what
            // runs when the response starts or completes (cookies, temp data) still finds the console's services.
            var scope = services.CreateAsyncScope();
            context.Response.RegisterForDisposeAsync(scope);
            context.RequestServices = scope.ServiceProvider;
            if (accessor is not null) accessor.HttpContext = context;
            try
            {
                await next(context);
            }
            finally
            {
                if (accessor is not null) accessor.HttpContext = null;
            }
        });
    }
}
