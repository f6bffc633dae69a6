using WestmontTextLine.Conversations;
using WestmontTextLine.Twilio;

namespace WestmontTextLine.Sms;

/// <summary>POST /sms: Twilio's webhook for incoming texts. Form in, TwiML out.</summary>
public static class SmsEndpoint
{
    public const string Path = "/sms";

    public static IEndpointRouteBuilder MapSms(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync)
            .AddEndpointFilterFactory(Registered<SmsRequestLimits>)
            .AddEndpointFilterFactory(Registered<ValidateTwilioRequestFilter>)
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, ConversationService conversations, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType) return Results.StatusCode(StatusCodes.Status400BadRequest);
        var form = await request.ReadFormAsync(SmsRequestLimits.FormLimits, cancellationToken);
        var from = form["From"].ToString();
        if (string.IsNullOrWhiteSpace(from)) return Results.StatusCode(StatusCodes.Status400BadRequest);

        var sms = new IncomingSms(
            from,
            form["Body"].ToString(),
            NullIfEmpty(form["MessageSid"].ToString()),
            NullIfEmpty(form["OptOutType"].ToString()));
        var reply = await conversations.HandleAsync(sms, cancellationToken);
        return new TwiMLResult(reply.Text);
    }

    /// <summary>
    /// The filter registered with the host, one instance for every request. AddEndpointFilter&lt;T&gt; would build a
    /// new one per request, and at start compile two activators, one of which throws on purpose.
    /// </summary>
    private static EndpointFilterDelegate Registered<TFilter>(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
        where TFilter : IEndpointFilter
    {
        var filter = context.ApplicationServices.GetRequiredService<TFilter>();
        return invocation => filter.InvokeAsync(invocation, next);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
