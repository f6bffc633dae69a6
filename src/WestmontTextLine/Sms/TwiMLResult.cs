using System.Collections.Concurrent;
using System.Text;
using global::Twilio.TwiML;

namespace WestmontTextLine.Sms;

/// <summary>
/// A TwiML reply: one &lt;Message&gt;, or an empty &lt;Response/&gt; when nothing must be sent.
/// Built with Twilio's MessagingResponse, which escapes the text. Replies come from a small set (the flows are
/// rendered once at load), so each distinct reply's bytes are built once and kept.
/// </summary>
public sealed class TwiMLResult(string? message) : IResult
{
    public const string ContentType = "text/xml; charset=utf-8";
    public const int MaxCachedReplies = 4_096;

    private static readonly ConcurrentDictionary<string, byte[]> Rendered = new(StringComparer.Ordinal);
    private static readonly byte[] EmptyResponse = Encoding.UTF8.GetBytes(Render(null));

    public string? Message => message;

    public static string Render(string? message)
    {
        var response = new MessagingResponse();
        if (message is not null) response.Message(message);
        return response.ToString();
    }

    public static byte[] RenderBytes(string? message)
    {
        if (message is null) return EmptyResponse;
        if (Rendered.TryGetValue(message, out var bytes)) return bytes;
        bytes = Encoding.UTF8.GetBytes(Render(message));
        if (Rendered.Count >= MaxCachedReplies) Rendered.Clear();
        Rendered.TryAdd(message, bytes);
        return bytes;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var bytes = RenderBytes(message);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = bytes.Length;
        await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
