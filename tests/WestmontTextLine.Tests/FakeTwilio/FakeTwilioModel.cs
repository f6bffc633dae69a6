namespace WestmontTextLine.Tests.FakeTwilio;

/// <summary>
/// One request the fake received, in arrival order: what was asked (method, path with any query, form fields, when)
/// and what it answered (<see cref="Status"/> is null while it is still being answered, and stays null for a
/// request that hung until the client gave up).
/// </summary>
public sealed class FakeTwilioRequest(
    int index, string method, string path, IReadOnlyDictionary<string, string> form, DateTimeOffset at, TimeSpan elapsed)
{
    /// <summary>0 for the first request the fake received.</summary>
    public int Index { get; } = index;

    public string Method { get; } = method;

    /// <summary>The path as received, with its query (e.g. /2010-04-01/Accounts/AC…/Messages/SM….json).</summary>
    public string Path { get; } = path;

    /// <summary>The form fields of a POST (To, From, MessagingServiceSid, Body, StatusCallback…); empty otherwise.</summary>
    public IReadOnlyDictionary<string, string> Form { get; } = form;

    /// <summary>When it arrived (wall clock).</summary>
    public DateTimeOffset At { get; } = at;

    /// <summary>When it arrived, on a monotonic clock started with the fake: subtract two to measure a wait.</summary>
    public TimeSpan Elapsed { get; } = elapsed;

    /// <summary>The HTTP status answered, or null if no answer was given (yet).</summary>
    public int? Status { get; internal set; }

    /// <summary>Twilio's error code in the answer, if it was an error.</summary>
    public int? ErrorCode { get; internal set; }

    /// <summary>The message SID in the path (fetch, delete), if any.</summary>
    public string? MessageSid { get; internal set; }

    public override string ToString() => $"#{Index} {Method} {Path} -> {Status?.ToString() ?? "no answer"}{(ErrorCode is { } code ? $" ({code})" : "")}";
}

/// <summary>A message record as the fake holds it (and as Twilio would show it in the console).</summary>
public sealed class FakeTwilioMessage
{
    public required string Sid { get; init; }
    public required string AccountSid { get; init; }
    public string? To { get; init; }
    public string? From { get; init; }
    public string? Body { get; init; }
    public string? MessagingServiceSid { get; init; }
    public string? StatusCallback { get; init; }

    /// <summary><c>outbound-api</c> for one created through the API, <c>inbound</c> for a seeded text.</summary>
    public required string Direction { get; init; }

    public required DateTimeOffset DateCreated { get; init; }

    public string Status { get; internal set; } = "queued";

    public int? ErrorCode { get; internal set; }

    public DateTimeOffset DateUpdated { get; internal set; }

    /// <summary>How many DELETE requests reached this message (refused ones included).</summary>
    public int DeleteAttempts { get; internal set; }
}

/// <summary>What Twilio's Message Redaction hides from the API once a message is sent: bodies, numbers, or both.</summary>
[Flags]
public enum FakeTwilioRedaction
{
    None = 0,
    Bodies = 1,
    Numbers = 2,
}
