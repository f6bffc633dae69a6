using System.Text;
using global::Twilio.TwiML;

namespace WestmontTextLine.Sms;

/// <summary>
/// A TwiML reply: one &lt;Message&gt;, or an empty &lt;Response/&gt; when nothing must be sent.
/// Built with Twilio's MessagingResponse, which escapes the text.
/// </summary>
public sealed class TwiMLResult(string? message) : IResult
{
    public const string ContentType = "text/xml; charset=utf-8";

    public string? Message => message;

    public static string Render(string? message)
    {
        var response = new MessagingResponse();
        if (message is not null) response.Message(message);
        return response.ToString();
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        await httpContext.Response.WriteAsync(Render(message), Encoding.UTF8, httpContext.RequestAborted);
    }
}
