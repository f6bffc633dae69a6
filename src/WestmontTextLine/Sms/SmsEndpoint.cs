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
            .AddEndpointFilter<SmsRequestLimits>()
            .AddEndpointFilter<ValidateTwilioRequestFilter>()
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

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
