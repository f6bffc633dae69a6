using System.Collections.Concurrent;
using System.Text;

namespace WestmontTextLine.Sms;

/// <summary>
/// A TwiML reply: one &lt;Message&gt;, or an empty &lt;Response/&gt; when nothing must be sent. The message may carry
/// its status callback (the Message verb's <c>action</c>, POST), so the line hears whether it was delivered.
/// Written by <see cref="TwiMLWriter"/>, which escapes the text. Replies come from a small set (the flows are
/// rendered once at load, the callback differs only by the reply's label), so each distinct reply's bytes are built
/// once and kept.
/// </summary>
public sealed class TwiMLResult(string? message, Uri? statusCallback = null) : IResult
{
    public const string ContentType = "text/xml; charset=utf-8";
    public const int MaxCachedReplies = 4_096;

    // Keyed by a class, not a tuple: a dictionary over a struct key is compiled by the JIT even in the published line
    // (about 20 methods for the first text); over classes the framework's ReadyToRun image holds it. A look-up allocates
    // its key (32 bytes).
    private static readonly ConcurrentDictionary<RenderedReply, byte[]> Rendered = new();
    private static readonly byte[] EmptyResponse = Encoding.UTF8.GetBytes(Render(null));

    public string? Message => message;
    public Uri? StatusCallback => statusCallback;

    public static string Render(string? message, Uri? statusCallback = null) => TwiMLWriter.Write(message, statusCallback?.OriginalString);

    public static byte[] RenderBytes(string? message, Uri? statusCallback = null)
    {
        if (message is null) return EmptyResponse;
        var key = new RenderedReply(message, statusCallback?.OriginalString);
        if (Rendered.TryGetValue(key, out var bytes)) return bytes;
        bytes = Encoding.UTF8.GetBytes(Render(message, statusCallback));
        if (Rendered.Count >= MaxCachedReplies) Rendered.Clear();
        Rendered.TryAdd(key, bytes);
        return bytes;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var bytes = RenderBytes(message, statusCallback);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = bytes.Length;
        await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }

    private sealed record RenderedReply(string Message, string? Callback);
}

