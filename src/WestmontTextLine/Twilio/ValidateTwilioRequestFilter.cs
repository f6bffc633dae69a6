using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using WestmontTextLine.Http;

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

    // Not an async method: the form is already read (SmsRequestLimits runs first), so the check is synchronous and
    // the handler's own task is handed back as it is. An async method here, waiting on that task, cost the published
    // line's first text about a dozen methods the JIT compiles (its state machine's box over the framework's builder).
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var settings = options.Value;
        if (settings.RequestValidation.Enabled == false) return next(context);

        if (string.IsNullOrEmpty(settings.AuthToken))
        {
            return environment.IsDevelopment() && IsLoopback(context.HttpContext.Connection.RemoteIpAddress)
                ? next(context)
                : FilterAnswer.Of(Forbidden());
        }
        var url = TwilioRequestUrl.Of(request, settings.RequestValidation.BaseUrl);
        if (request.Headers.ContainsKey(SignatureSettingsHeader)) return FilterAnswer.Of(Refused(url));

        if (!request.HasFormContentType) return Checked(context, next, settings.AuthToken, url, FormCollection.Empty);
        if (context.HttpContext.Features.Get<IFormFeature>()?.Form is { } form) return Checked(context, next, settings.AuthToken, url, form);
        return CheckedOnceReadAsync(context, next, settings.AuthToken, url);
    }

    /// <summary>A request whose form nothing has read yet (the filter without <see cref="Sms.SmsRequestLimits"/> before it).</summary>
    private async ValueTask<object?> CheckedOnceReadAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string authToken, string url)
    {
        var form = await context.HttpContext.Request.ReadFormAsync(TwilioWebhookForm.Limits, context.HttpContext.RequestAborted);
        return await Checked(context, next, authToken, url, form);
    }

    private ValueTask<object?> Checked(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string authToken, string url, IFormCollection form)
    {
        var signature = context.HttpContext.Request.Headers[SignatureHeader].ToString();
        if (!TwilioSignature.IsValid(authToken, url, form, signature)) return FilterAnswer.Of(Refused(url));
        if (!WarmupText.Is(context.HttpContext)) refused.Accepted();
        return next(context);
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
