using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace WestmontTextLine.Twilio;

/// <summary>
/// The endpoint filter that lets through only requests Twilio signed. Anything else gets an empty 403 and never
/// reaches the handler, so a forged request changes no state. With no token in Development, unsigned requests
/// are accepted from loopback only (a test server has no remote address, so it never counts as loopback).
/// </summary>
public sealed class ValidateTwilioRequestFilter(IOptions<TwilioOptions> options, IHostEnvironment environment, RefusedSignatures refused) : IEndpointFilter
{
    // Twilio's HMAC-SHA256 signing scheme, which this filter does not check yet.
    public const string SignatureSettingsHeader = "X-Twilio-Webhooks-Signature-Settings";
    public const string SignatureHeader = "X-Twilio-Signature";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var settings = options.Value;
        if (settings.RequestValidation.Enabled == false) return await next(context);

        if (string.IsNullOrEmpty(settings.AuthToken))
        {
            return environment.IsDevelopment() && IsLoopback(context.HttpContext.Connection.RemoteIpAddress)
                ? await next(context)
                : Forbidden();
        }
        var url = TwilioRequestUrl.Of(request, settings.RequestValidation.BaseUrl);
        if (request.Headers.ContainsKey(SignatureSettingsHeader)) return Refused(url);

        var form = request.HasFormContentType
            ? await request.ReadFormAsync(TwilioWebhookForm.Limits, context.HttpContext.RequestAborted)
            : FormCollection.Empty;
        var signature = request.Headers[SignatureHeader].ToString();
        if (!TwilioSignature.IsValid(settings.AuthToken, url, form, signature)) return Refused(url);
        if (!WarmupText.Is(context.HttpContext)) refused.Accepted();
        return await next(context);
    }

    private IResult Refused(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        refused.Refused(query < 0 ? url : url[..query]);
        return Forbidden();
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    private static IResult Forbidden() => Results.StatusCode(StatusCodes.Status403Forbidden);
}
