using Microsoft.AspNetCore.Http.Features;

namespace WestmontTextLine.Sms;

/// <summary>
/// The outermost filter on /sms: caps the body at 64 KB (413) and the number of fields, and turns a body that
/// cannot be read as a form into a 400 instead of a 500. Twilio's own requests are a few hundred bytes.
/// </summary>
public sealed class SmsRequestLimits : IEndpointFilter
{
    public const long MaxBodyBytes = 64 * 1024;
    public const int MaxFields = 100;

    public static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = MaxFields,
        ValueLengthLimit = (int)MaxBodyBytes,
        KeyLengthLimit = 1024,
        BufferBodyLengthLimit = MaxBodyBytes,
        MultipartBodyLengthLimit = MaxBodyBytes,
    };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var httpContext = context.HttpContext;
        if (httpContext.Request.ContentLength > MaxBodyBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = MaxBodyBytes;
        }
        try
        {
            return await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or FormatException)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }
    }
}
