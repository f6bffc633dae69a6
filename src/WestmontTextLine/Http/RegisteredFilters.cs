namespace WestmontTextLine.Http;

/// <summary>
/// Adds an endpoint filter that is a singleton in the container: one instance for every request.
/// AddEndpointFilter&lt;T&gt; would build a new one per request, and at start compile two activators, one of which
/// throws on purpose. Used by the named conventions (ValidateTwilioRequest, LimitSmsRequests).
/// </summary>
public static class RegisteredFilters
{
    public static TBuilder AddRegisteredFilter<TBuilder, TFilter>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
        where TFilter : IEndpointFilter
    {
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var filter = context.ApplicationServices.GetRequiredService<TFilter>();
            return invocation => filter.InvokeAsync(invocation, next);
        });
        return builder;
    }
}
