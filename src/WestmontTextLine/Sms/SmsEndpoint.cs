using Microsoft.AspNetCore.Http.HttpResults;
using WestmontTextLine.Conversations;
using WestmontTextLine.Engine;
using WestmontTextLine.Twilio;

namespace WestmontTextLine.Sms;

/// <summary>POST /sms: Twilio's webhook for incoming texts. Form in, TwiML out.</summary>
public static class SmsEndpoint
{
    public const string Path = "/sms";

    public static IEndpointRouteBuilder MapSms(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync)
            .AsTwilioWebhook();
        return app;
    }

    // No CancellationToken parameter (the request's own, RequestAborted, is the same token): with a struct among its
    // arguments the filters' invocation context is a generic instantiation the framework's ReadyToRun image does not
    // hold, about a dozen methods the JIT compiled for the published line's first text; over classes alone it is.
    private static async Task<Results<TwiMLResult, BadRequest>> HandleAsync(
        HttpRequest request, TextConversations conversations, SmsStatusCallback statusCallback, TimeProvider time)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        if (!request.HasFormContentType) return TypedResults.BadRequest();
        var form = await request.ReadFormAsync(TwilioWebhookForm.Limits, cancellationToken);
        var from = form["From"].ToString();
        if (string.IsNullOrWhiteSpace(from)) return TypedResults.BadRequest();

        var text = new InboundText(
            form["Body"].ToString(),
            NullIfEmpty(form["MessageSid"].ToString()),
            time.GetUtcNow(),
            NullIfEmpty(form["OptOutType"].ToString()),
            HasMedia(form["NumMedia"].ToString()));
        var reply = await conversations.HandleAsync(request.HttpContext.RequestServices, from, text, cancellationToken);
        return new TwiMLResult(reply.Text, reply.Text is null ? null : statusCallback.For(request, reply.Label));
    }

    // An MMS: Twilio counts its pictures and files in NumMedia ("0" for a plain text).
    private static bool HasMedia(string numMedia) =>
        int.TryParse(numMedia, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
