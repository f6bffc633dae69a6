using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using WestmontTextLine.Http;
using WestmontTextLine.Twilio;

namespace WestmontTextLine.Sms;

/// <summary>
/// The outermost filter on /sms. Caps the body at 64 KB (413) and the number of fields (400), and reads Twilio's
/// url-encoded form itself: ASP.NET Core's form reader refuses a value with a NUL or other control character, and a
/// real text must never go unanswered for what the texter typed. Any other content type is read as no fields.
/// Anything unreadable is a 400, never a 500.
/// </summary>
public sealed class SmsRequestLimits(ILogger<SmsRequestLimits> logger) : IEndpointFilter
{
    private const int MaxBodyBytes = TwilioWebhookForm.MaxBodyBytes;
    private const int MaxFields = TwilioWebhookForm.MaxFields;

    // Not an async method waiting on the handler: the body of a text has come with its headers, so the form is
    // read at once and the handler's own task handed back as it is. Waiting on it here cost the published line's
    // first text about a dozen methods the JIT compiles (the state machine's box over the framework's builder).
    // Only the reading is caught: the handler answers its own faults (a conversation's is the safety fallback).
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength > MaxBodyBytes) return FilterAnswer.Of(Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = MaxBodyBytes;
        }
        if (!IsUrlEncodedForm(request))
        {
            // Twilio sends url-encoded forms only. Anything else has no fields: ASP.NET Core's multipart reader
            // never sees it (a broken multipart body would throw from deep inside the signature check).
            request.Form = FormCollection.Empty;
            return next(context);
        }
        var reading = ReadFormAsync(request.Body, context.HttpContext.RequestAborted);
        if (!reading.IsCompleted) return NextOnceReadAsync(reading, context, next);
        return RefusalOf(reading, request) is { } refusal ? FilterAnswer.Of(refusal) : next(context);
    }

    private async ValueTask<object?> NextOnceReadAsync(Task<ReadForm?> reading, EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        await ((Task)reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return RefusalOf(reading, context.HttpContext.Request) is { } refusal ? refusal : await next(context);
    }

    /// <summary>The answer to a body that cannot be read (413, 400), or null once its fields are the request's form.</summary>
    private IResult? RefusalOf(Task<ReadForm?> read, HttpRequest request)
    {
        try
        {
            var form = read.GetAwaiter().GetResult();
            if (form is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            if (form.Fields is null) return Results.StatusCode(StatusCodes.Status400BadRequest);
            request.Form = form.Fields;
            return null;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or FormatException or DecoderFallbackException)
        {
            logger.LogWarning("Malformed request to /sms refused: {Fault}", ex.GetType().Name);
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }
    }

    private static bool IsUrlEncodedForm(HttpRequest request) =>
        request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// The body's fields (null when there are more than the cap), or null when the body is longer than the cap (a
    /// chunked body has no Content-Length).
    /// </summary>
    private static async Task<ReadForm?> ReadFormAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(length, MaxBodyBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
                if (length > MaxBodyBytes) return null;
            }
            return new ReadForm(UrlEncodedForm.Parse(buffer.AsSpan(0, length), MaxFields));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed record ReadForm(FormFields? Fields);
}

public static class SmsRequestLimitsConventions
{
    /// <summary>Caps the body and the fields of a Twilio webhook, and reads its form so that no text is refused for what was typed.</summary>
    public static TBuilder LimitSmsRequests<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddRegisteredFilter<TBuilder, SmsRequestLimits>();
}
