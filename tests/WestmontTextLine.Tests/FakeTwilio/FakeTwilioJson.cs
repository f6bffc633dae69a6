using System.Globalization;
using System.Text.Json;
using WestmontTextLine.Flows;

namespace WestmontTextLine.Tests.FakeTwilio;

/// <summary>
/// Twilio's JSON shapes, written field by field so the SDK's own parser reads them as it reads Twilio's:
/// a Message resource (snake_case fields, RFC 2822 dates, counts as strings, <c>error_code</c> null or a number)
/// and an error (<c>{code, message, more_info, status}</c>).
/// </summary>
internal static class FakeTwilioJson
{
    /// <summary>
    /// A page of Twilio's list of messages: the messages under <c>messages</c>, the page's place (<c>page</c>,
    /// <c>page_size</c>, <c>start</c>, <c>end</c>) and the URIs of this page, the first, the previous and the next (null
    /// when there is none), each with the list's filters, as Twilio writes them
    /// (<c>...Messages.json?To=%2B1...&amp;PageSize=20&amp;Page=1&amp;PageToken=PA...</c>).
    /// </summary>
    public static byte[] MessageList(IReadOnlyList<FakeTwilioMessage> messages, FakeTwilioListPage page)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var start = page.Number * page.Size;
            json.WriteStartObject();
            json.WriteNumber("end", start + Math.Max(messages.Count - 1, 0));
            json.WriteString("first_page_uri", page.Uri(0));
            if (page.More) json.WriteString("next_page_uri", page.Uri(page.Number + 1, messages[^1].Sid));
            else json.WriteNull("next_page_uri");
            json.WriteNumber("page", page.Number);
            json.WriteNumber("page_size", page.Size);
            if (page.Number > 0) json.WriteString("previous_page_uri", page.Uri(page.Number - 1, messages.Count > 0 ? messages[0].Sid : null));
            else json.WriteNull("previous_page_uri");
            json.WriteNumber("start", start);
            json.WriteString("uri", page.Uri(page.Number));
            json.WritePropertyName("messages");
            json.WriteStartArray();
            foreach (var message in messages)
            {
                using var one = JsonDocument.Parse(Message(message));
                one.RootElement.WriteTo(json);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static byte[] Message(FakeTwilioMessage message)
    {
        var uri = $"/2010-04-01/Accounts/{message.AccountSid}/Messages/{message.Sid}";
        // A message through a Messaging Service has no sender and no segment count until one is chosen.
        var segments = message.From is null || message.Body is null ? 0 : SmsText.Segments(message.Body);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("account_sid", message.AccountSid);
            json.WriteString("api_version", "2010-04-01");
            json.WriteString("body", message.Body);
            json.WriteString("date_created", Rfc2822(message.DateCreated));
            if (message.Status is "sent" or "delivered" or "undelivered" or "received") json.WriteString("date_sent", Rfc2822(message.DateUpdated));
            else json.WriteNull("date_sent");
            json.WriteString("date_updated", Rfc2822(message.DateUpdated));
            json.WriteString("direction", message.Direction);
            if (message.ErrorCode is { } code) json.WriteNumber("error_code", code);
            else json.WriteNull("error_code");
            json.WriteNull("error_message");
            json.WriteString("from", message.From);
            json.WriteString("messaging_service_sid", message.MessagingServiceSid);
            json.WriteString("num_media", "0");
            json.WriteString("num_segments", segments.ToString(CultureInfo.InvariantCulture));
            json.WriteNull("price");
            json.WriteString("price_unit", "USD");
            json.WriteString("sid", message.Sid);
            json.WriteString("status", message.Status);
            json.WriteStartObject("subresource_uris");
            json.WriteString("media", uri + "/Media.json");
            json.WriteString("feedback", uri + "/Feedback.json");
            json.WriteEndObject();
            json.WriteString("to", message.To);
            json.WriteString("uri", uri + ".json");
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static byte[] Error(int code, string message, int status)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("code", code);
            json.WriteString("message", message);
            json.WriteString("more_info", $"https://www.twilio.com/docs/errors/{code}");
            json.WriteNumber("status", status);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Twilio's date format: <c>Thu, 24 Aug 2023 05:01:45 +0000</c>.</summary>
    public static string Rfc2822(DateTimeOffset at) =>
        at.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}

/// <summary>Where a page of the list is: its path and filters, its size and number, and whether more follow it.</summary>
internal sealed record FakeTwilioListPage(string Path, string To, string From, int Size, int Number, bool More)
{
    /// <summary>The URI of page <paramref name="number"/>, with the token Twilio adds to a page after the first.</summary>
    public string Uri(int number, string? tokenSid = null)
    {
        var query = new List<string>();
        if (To.Length > 0) query.Add("To=" + System.Uri.EscapeDataString(To));
        if (From.Length > 0) query.Add("From=" + System.Uri.EscapeDataString(From));
        query.Add($"PageSize={Size}");
        query.Add($"Page={number}");
        if (number > 0 && tokenSid is not null) query.Add("PageToken=PA" + tokenSid);
        return Path + "?" + string.Join("&", query);
    }
}
