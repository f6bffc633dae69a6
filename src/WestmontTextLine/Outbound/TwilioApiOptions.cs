using System.Globalization;
using System.Net;

namespace WestmontTextLine.Outbound;

/// <summary>
/// The provider API's settings, from the same "Twilio" section as <c>TwilioOptions</c> (the webhook's signature
/// settings), so one section describes the account: <c>Twilio:AccountSid</c>, <c>Twilio:AuthToken</c>,
/// <c>Twilio:ApiBaseUrl</c>, <c>Twilio:From</c> or <c>Twilio:MessagingServiceSid</c>, <c>Twilio:DeleteMessages</c>,
/// <c>Twilio:DeleteAfter</c>, and the client's timings under <c>Twilio:Resilience</c>.
/// Without an AccountSid (or without its AuthToken) the line runs as before: no provider deletion, no outbound texts.
/// </summary>
public sealed class TwilioApiOptions
{
    public const string Section = "Twilio";

    public const string DefaultApiBaseUrl = "https://api.twilio.com";

    /// <summary>The longest wait before deleting a final message at the provider: a privacy line keeps texts there briefly.</summary>
    public static readonly TimeSpan LongestDeleteAfter = TimeSpan.FromDays(30);

    /// <summary>
    /// The shortest that does what it says: Twilio refuses to delete a message that is not final yet (error 20009) and
    /// advises waiting a minute. An inbound text is queued when its reply is committed, before Twilio has even read
    /// that reply: with 0 its deletion falls due while it may not be final yet, is refused, and is tried again a minute
    /// later (the deletion worker's first wait for 20009), so it is gone no sooner, after a refused call. Less is a
    /// warning, not a refusal: the line works, and a line that would not start after an upgrade answers no one.
    /// </summary>
    public static readonly TimeSpan ShortestDeleteAfter = TimeSpan.FromMinutes(1);

    /// <summary>The REST account (Twilio's AC…; a compatible provider may use another form, e.g. a project id).</summary>
    public string? AccountSid { get; set; }

    /// <summary>The account's auth token: the REST password, and the webhook signature secret.</summary>
    public string? AuthToken { get; set; }

    /// <summary>Where the REST API lives: Twilio itself, a Twilio-compatible provider, or the tests' fake.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>The line's own number for outbound texts, when no Messaging Service is set.</summary>
    public string? From { get; set; }

    /// <summary>A Messaging Service (MG…) that outbound texts go through; it wins over <see cref="From"/>.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>Delete each message at the provider once it is final. Unset means on whenever the account is set.</summary>
    public bool? DeleteMessages { get; set; }

    /// <summary>How long after a message is final (an inbound text answered, a reply delivered) it is deleted.</summary>
    public TimeSpan DeleteAfter { get; set; } = TimeSpan.FromMinutes(2);

    public TwilioApiResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// <c>Twilio:RequestValidation</c>, read here for its <c>BaseUrl</c>: the public URL an outbound text names for its
    /// status callback. Without it Twilio reports no delivery of an outbound text.
    /// </summary>
    public WestmontTextLine.Twilio.RequestValidationOptions RequestValidation { get; set; } = new();

    /// <summary>The account and its token are both set: the REST API can be used.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken);

    /// <summary>Provider deletion is on: the account is set and deletion was not turned off explicitly.</summary>
    public bool DeletesMessages => IsConfigured && DeleteMessages != false;

    /// <summary>Outbound texts can be sent: the account is set, and a Messaging Service or a From number.</summary>
    public bool CanSend =>
        IsConfigured && (!string.IsNullOrWhiteSpace(MessagingServiceSid) || !string.IsNullOrWhiteSpace(From));

    /// <summary>Outbound texts name a status callback, so a text the carrier does not deliver is reported.</summary>
    public bool ReportsDelivery => !string.IsNullOrWhiteSpace(RequestValidation.BaseUrl);

    /// <summary>Outbound texts go out, but no delivery report will come back for them: worth a warning at start.</summary>
    public bool SendsWithoutDeliveryReports => CanSend && !ReportsDelivery;

    /// <summary>The API's base URL, parsed (call <see cref="Validate"/> first: this throws on a malformed one).</summary>
    public Uri ApiBaseUri => new(ApiBaseUrl.Trim(), UriKind.Absolute);

    public bool UsesDefaultApi => Uri.TryCreate(ApiBaseUrl.Trim(), UriKind.Absolute, out var uri)
        && uri == new Uri(DefaultApiBaseUrl);

    /// <summary>The account for a log line or the health text: its first two and last two characters (AC…12).</summary>
    public string MaskedAccountSid => Mask(AccountSid);

    /// <summary>One line for start-up and <c>check</c>: what the provider API is used for, or why it is not.</summary>
    public string Describe()
    {
        if (string.IsNullOrWhiteSpace(AccountSid))
            return "Provider deletion and outbound texts are off: Twilio:AccountSid is not set.";
        if (string.IsNullOrWhiteSpace(AuthToken))
            return "Provider deletion and outbound texts are off: Twilio:AuthToken is not set.";

        var deletion = DeleteMessages == false
            ? "provider deletion is off (Twilio:DeleteMessages is false)"
            : $"provider deletion is on ({Duration(DeleteAfter)} after each message is final)";
        var outbound = !string.IsNullOrWhiteSpace(MessagingServiceSid)
            ? $"outbound texts go through Messaging Service {Mask(MessagingServiceSid)}"
            : !string.IsNullOrWhiteSpace(From)
                ? "outbound texts come from Twilio:From"
                : "outbound texts are off (neither Twilio:From nor Twilio:MessagingServiceSid is set)";
        if (SendsWithoutDeliveryReports)
        {
            outbound += ", with no delivery reports: set Twilio:RequestValidation:BaseUrl, or a text the carrier does not "
                + "deliver (an alert to a safety contact) goes unnoticed";
        }
        var api = UsesDefaultApi ? "" : $" at {ApiBaseUrl.Trim()}";
        return $"Twilio account {MaskedAccountSid}{api}: {deletion}; {outbound}.";
    }

    /// <summary>Every settings error, each naming its setting; empty when the section is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(AccountSid) && string.IsNullOrWhiteSpace(AuthToken))
            errors.Add("Twilio:AccountSid is set but Twilio:AuthToken is not: the REST API needs both.");

        if (!Uri.TryCreate(ApiBaseUrl?.Trim(), UriKind.Absolute, out var baseUrl)
            || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"Twilio:ApiBaseUrl must be an absolute http(s) URL, e.g. {DefaultApiBaseUrl}.");
        }
        else
        {
            // The auth token travels in every request's Basic header: never in clear text over a network.
            if (baseUrl.Scheme == Uri.UriSchemeHttp && !IsLoopback(baseUrl))
                errors.Add("Twilio:ApiBaseUrl must use https (plain http is allowed for a loopback address only).");
            if (!string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment))
                errors.Add("Twilio:ApiBaseUrl must not carry a query or a fragment.");
        }

        // Checked at start, since a From Twilio refuses fails every outbound text at once, and one Twilio takes but
        // lists in another form (E.164) would hide an uncertain send from the look-up that keeps it from going twice.
        if (!string.IsNullOrWhiteSpace(From) && !IsSender(From.Trim()))
        {
            errors.Add("Twilio:From must be the line's own number in international form, e.g. +16305550123, or its "
                + "short code (5 or 6 digits): texters answer it (OK, YES), so not a name.");
        }

        if (DeleteAfter < TimeSpan.Zero || DeleteAfter > LongestDeleteAfter)
            errors.Add($"Twilio:DeleteAfter must be between 00:00:00 and 30 days, e.g. 00:02:00 (it is {DeleteAfter}).");
        errors.AddRange(Resilience.Validate());
        return errors;
    }

    /// <summary>What the start and `check` warn of: a deletion asked for sooner than Twilio allows (<see cref="ShortestDeleteAfter"/>).</summary>
    public IEnumerable<string> Warnings()
    {
        if (DeleteAfter >= TimeSpan.Zero && DeleteAfter < ShortestDeleteAfter)
        {
            yield return $"Twilio:DeleteAfter is {DeleteAfter}, under a minute: Twilio refuses to delete a message sooner after it is final " +
                "(error 20009), so each deletion is refused and tried again a minute later, and no text is gone sooner. Use 00:01:00 or more, e.g. 00:02:00.";
        }
    }

    internal static string Mask(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "(not set)";
        var trimmed = value.Trim();
        return trimmed.Length <= 6 ? "…" : $"{trimmed[..2]}…{trimmed[^2..]}";
    }

    /// <summary>A number as Twilio lists it (E.164: + and 8 to 15 digits) or a short code.</summary>
    private static bool IsSender(string from) =>
        from.All(char.IsAsciiDigit) ? from.Length is 5 or 6
            : from.Length is >= 9 and <= 16 && from[0] == '+' && from[1] != '0' && from[1..].All(char.IsAsciiDigit);

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));

    private static string Duration(TimeSpan span)
    {
        static string Unit(double count, string unit) =>
            $"{count.ToString("0.##", CultureInfo.InvariantCulture)} {unit}{(count == 1 ? "" : "s")}";

        return span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? Unit(span.TotalHours, "hour")
            : span.TotalMinutes >= 1 && span.TotalMinutes % 1 == 0 ? Unit(span.TotalMinutes, "minute")
            : Unit(span.TotalSeconds, "second");
    }
}
