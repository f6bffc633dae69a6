using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using WestmontTextLine.Logging;
using WestmontTextLine.Outbound;
using WestmontTextLine.Twilio;

namespace WestmontTextLine.Sms;

/// <summary>
/// POST /sms/status: Twilio's status callback for each reply (the Message verb's action) and each outbound text.
/// Signed and limited like /sms. It reads MessageSid, MessageStatus and ErrorCode (and the reply's label from the
/// query). The callback also carries the recipient's number in To: read only for a 21610 (she opted out at the
/// carrier), to record that opt-out under its keyed hash, and never logged. A callback the store cannot record (Redis
/// down or full, a disk gone) is answered 503 and logged in one scrubbed line, not thrown to the server (whose log of
/// it would quote the store's key); a final status's deletion at the provider still waits in memory meanwhile.
/// </summary>
public static class SmsStatusEndpoint
{
    public static IEndpointRouteBuilder MapSmsStatus(this IEndpointRouteBuilder app)
    {
        app.MapPost(SmsStatusCallback.Path, HandleAsync)
            .AsTwilioWebhook();
        return app;
    }

    private static async Task<Results<NoContent, BadRequest, StatusCodeHttpResult>> HandleAsync(
        HttpRequest request, DeliveryStatuses deliveries, ILogger<DeliveryStatuses> logger, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType) return TypedResults.BadRequest();
        var form = await request.ReadFormAsync(TwilioWebhookForm.Limits, cancellationToken);
        var sid = form["MessageSid"].ToString();
        var status = form["MessageStatus"].ToString();
        if (sid.Length == 0 || status.Length == 0) return TypedResults.BadRequest();
        int? errorCode = int.TryParse(form["ErrorCode"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;

        var outboxId = request.Query[SmsStatusCallback.OutboxParameter].ToString();
        try
        {
            await deliveries.RecordAsync(sid, status.Trim().ToLowerInvariant(), errorCode, request.Query[SmsStatusCallback.LabelParameter].ToString(),
                OutboundTexts.IsOutboxId(outboxId) ? outboxId : null, () => form["To"].ToString(), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Status callback for {MessageSid} not recorded: {Fault} ({Type}); answered 503", new LoggedSid(sid),
                FaultMessage.Of(ex), ex.GetType().Name);
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        return TypedResults.NoContent();
    }
}
