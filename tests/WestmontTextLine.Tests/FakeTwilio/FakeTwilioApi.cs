using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WestmontTextLine.Tests.FakeTwilio;

/// <summary>
/// A Twilio-shaped Messages API on real HTTP: an in-process Kestrel server on a free loopback port, so the Twilio
/// SDK talks to it exactly as it talks to Twilio (point <c>Twilio:ApiBaseUrl</c> at <see cref="BaseUrl"/>).
///
/// It serves, under <c>/2010-04-01/Accounts/{AccountSid}/</c> (after any path prefix, as a compatible provider may
/// have one): <c>POST Messages.json</c> (create: To, From or MessagingServiceSid, Body, StatusCallback; 201 with a
/// Message resource, status <c>queued</c>, or <c>accepted</c> through a Messaging Service), <c>GET Messages/{Sid}.json</c>
/// (fetch), <c>GET Messages.json</c> (list, by To and From, newest first, paged by PageSize and Page with Twilio's page URIs) and <c>DELETE Messages/{Sid}.json</c> (204; 20009 while the message is
/// still in flight, <see cref="InFlightStatuses"/>, as Twilio refuses it: move it on with <see cref="SetStatus"/>). Every request needs Basic auth with AccountSid:AuthToken
/// (401, code 20003, otherwise). Errors are Twilio's JSON: <c>{code, message, more_info, status}</c>; an unknown SID
/// is 404 with code 20404.
///
/// Faults a test can set, each consumed request by request in this order: <see cref="HangNext"/> (no answer until
/// <see cref="ReleaseHung"/> or the client gives up), <see cref="RejectCredentials"/> (401 20003),
/// <see cref="TooManyRequests"/> (429 20429, with Retry-After only when a test gives one), <see cref="ServerErrors"/> (500 20500 or another 5xx),
/// then per message <see cref="DeleteNotFinalYet"/> / <see cref="DeleteNotFinalYetForAll"/> (20009 for the first N
/// deletes), <see cref="RefuseSends"/> (400 with a code such as 21211 for the next N creates), <see cref="RefuseSendsTo"/> (the same for every create to one number) and
/// <see cref="TruncateSendAnswers"/> (a create accepted, its 201 answer cut off) and <see cref="ServerErrorsOnSends"/> (500 for the next N creates, nothing created). Every request is recorded (<see cref="Requests"/>) with its method, path, form, arrival time and answer.
///
/// Cheap to start (the slim host, no logging, one terminal handler, no routing) and to dispose (hung requests are
/// released first).
/// </summary>
public sealed class FakeTwilioApi : IAsyncDisposable
{
    public const string DefaultAccountSid = "AC00000000000000000000000000fa4e01";
    public const string DefaultAuthToken = "fake-auth-token-0000000000000001";

    private const string ApiVersion = "/2010-04-01/Accounts/";

    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly List<FakeTwilioRequest> _requests = [];
    // In the order made: a Dictionary gives a deleted message's slot to the next one, and tests read the texts one number
    // got as oldest first.
    private readonly OrderedDictionary<string, FakeTwilioMessage> _messages = new(StringComparer.Ordinal);
    private readonly List<string> _deleted = [];
    private readonly Dictionary<string, int> _notFinalYetFor = new(StringComparer.Ordinal);
    private int _notFinalYetForAll;
    private int _tooManyRequests;
    private TimeSpan? _retryAfter;
    private int _serverErrors;
    private int _serverErrorStatus = 500;
    private int _hangs;
    private int _refusedSends;
    private readonly Dictionary<string, int> _refusedTo = new(StringComparer.Ordinal);
    private int _refusalCode;
    private int _truncatedSends;
    private int _sendServerErrors;
    private int _hung;
    private int _heldSoFar;
    private TaskCompletionSource _release = NewRelease();

    private FakeTwilioApi(WebApplication app, string accountSid, string authToken)
    {
        _app = app;
        AccountSid = accountSid;
        AuthToken = authToken;
    }

    public string AccountSid { get; }

    public string AuthToken { get; }

    /// <summary>The fake's root, e.g. http://127.0.0.1:40123/ (set <c>Twilio:ApiBaseUrl</c> to it).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Answer every request with 401 (20003), as Twilio does once the token is rotated or revoked.</summary>
    public bool RejectCredentials { get; set; }

    /// <summary>
    /// The HTTP status of a 20009 answer. Twilio documents the code and its words, not the status; the one
    /// Twilio-compatible API whose source is public (somleng) answers 422, so the fake does unless a test says otherwise.
    /// The line reads the code alone.
    /// </summary>
    public int NotFinalYetStatus { get; set; } = 422;

    /// <summary>
    /// The statuses of a message still in flight, which Twilio refuses to delete with 20009 ("Cannot delete this resource
    /// before it is complete"): until the carrier's final word, <c>sent</c> included (Twilio waits for the carrier's
    /// delivery receipt before a message is final).
    /// </summary>
    public static readonly IReadOnlySet<string> InFlightStatuses =
        new HashSet<string>(["accepted", "scheduled", "queued", "sending", "sent", "receiving"], StringComparer.Ordinal);

    public static async Task<FakeTwilioApi> StartAsync(string accountSid = DefaultAccountSid, string authToken = DefaultAuthToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeTwilioApi(app, accountSid, authToken);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.BaseUrl = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return fake;
    }

    /// <summary>The provider's clock for the messages' dates: the real one, or a test's (set it to the line's).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>How long each answer takes, real time (Twilio's are 150-500 ms): none unless a test sets it.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// Twilio's Message Redaction as an account or Messaging Service may have it on
    /// (https://www.twilio.com/docs/messaging/guides/privacy-message-redaction): once a message has left Twilio's queue,
    /// its body is no longer given by the API (the fake answers an empty body) and the last four digits of the number
    /// that is not Twilio's (To of an outbound text, From of an inbound one) read XXXX. The list is still filtered by the
    /// number the text was sent to (Twilio does not say otherwise).
    /// </summary>
    public FakeTwilioRedaction Redaction { get; set; }

    /// <summary>A compatible provider without Twilio's list of messages: <c>GET Messages.json</c> answers 404.</summary>
    public bool ListUnsupported { get; set; }

    // ---- What the fake saw ----

    /// <summary>Every request so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<FakeTwilioRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    public int RequestCount
    {
        get { lock (_gate) return _requests.Count; }
    }

    /// <summary>How many requests used this method (GET, POST, DELETE), whatever they were answered.</summary>
    public int Count(string method)
    {
        lock (_gate) return _requests.Count(r => r.Method.Equals(method, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The SIDs deleted (answered 204), in order.</summary>
    public IReadOnlyList<string> DeletedSids
    {
        get { lock (_gate) return [.. _deleted]; }
    }

    /// <summary>The messages the fake still holds, oldest first (deleted ones are gone, as at Twilio).</summary>
    public IReadOnlyList<FakeTwilioMessage> Messages
    {
        get { lock (_gate) return [.. _messages.Values]; }
    }

    public FakeTwilioMessage? Message(string sid)
    {
        lock (_gate) return _messages.GetValueOrDefault(sid);
    }

    /// <summary>Requests being held by <see cref="HangNext"/> right now.</summary>
    public int HungNow => Volatile.Read(ref _hung);

    /// <summary>Requests held by <see cref="HangNext"/> so far, released or not (counted before each is held).</summary>
    public int HeldSoFar => Volatile.Read(ref _heldSoFar);

    // ---- Setting up messages ----

    /// <summary>Adds a message as if Twilio had received (or sent) it, e.g. an inbound text for a delete test.</summary>
    public FakeTwilioMessage AddMessage(
        string from, string to, string body, string status = "received", string direction = "inbound", string? sid = null)
    {
        var now = Clock.GetUtcNow();
        var message = new FakeTwilioMessage
        {
            Sid = sid ?? NewSid(), AccountSid = AccountSid, From = from, To = to, Body = body, Direction = direction,
            DateCreated = now, DateUpdated = now, Status = status,
        };
        lock (_gate) _messages[message.Sid] = message;
        return message;
    }

    /// <summary>Moves a message on, as a carrier's report would (delivered, undelivered with 30007…).</summary>
    public void SetStatus(string sid, string status, int? errorCode = null)
    {
        lock (_gate)
        {
            var message = _messages[sid];
            message.Status = status;
            message.ErrorCode = errorCode;
            message.DateUpdated = Clock.GetUtcNow();
        }
    }

    // ---- Faults ----

    /// <summary>
    /// The first <paramref name="times"/> deletes of this SID answer 20009 (not final yet), whatever its status: Twilio
    /// may still refuse a message reported final for a minute or more ("wait at least 1 minute", up to 14 days).
    /// </summary>
    public void DeleteNotFinalYet(string sid, int times)
    {
        lock (_gate) _notFinalYetFor[sid] = times;
    }

    /// <summary>The first <paramref name="times"/> deletes of every SID (without its own setting) answer 20009.</summary>
    public void DeleteNotFinalYetForAll(int times)
    {
        lock (_gate) _notFinalYetForAll = times;
    }

    /// <summary>
    /// The next <paramref name="requests"/> requests answer 429 (20429). Twilio documents no Retry-After on it ("retry
    /// after backing off", https://www.twilio.com/docs/api/errors/20429) and twilio-csharp, -python and -node read none, so
    /// none by default; a test may give one in whole seconds (a proxy or a compatible provider may send it).
    /// </summary>
    public void TooManyRequests(int requests, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            _tooManyRequests = requests;
            _retryAfter = retryAfter;
        }
    }

    /// <summary>The next <paramref name="requests"/> requests answer <paramref name="status"/> (500: 20500, 503: 20503).</summary>
    public void ServerErrors(int requests, int status = 500)
    {
        lock (_gate)
        {
            _serverErrors = requests;
            _serverErrorStatus = status;
        }
    }

    /// <summary>The next <paramref name="sends"/> message creates are refused for good: 400 with this code (21211: invalid 'To').</summary>
    public void RefuseSends(int sends, int code = 21211)
    {
        lock (_gate)
        {
            _refusedSends = sends;
            _refusalCode = code;
        }
    }

    /// <summary>Every message create to this number is refused for good: 400 with this code (21614: not a mobile number...).</summary>
    public void RefuseSendsTo(string to, int code)
    {
        lock (_gate) _refusedTo[to] = code;
    }

    /// <summary>
    /// The next <paramref name="sends"/> message creates are accepted (the message is stored, as sent) but answered 201
    /// with JSON cut off mid-way, as a proxy that drops the connection's end would leave it.
    /// </summary>
    public void TruncateSendAnswers(int sends)
    {
        lock (_gate) _truncatedSends = sends;
    }

    /// <summary>The next <paramref name="sends"/> creates answer 500 (20500) and create nothing; other requests are answered.</summary>
    public void ServerErrorsOnSends(int sends)
    {
        lock (_gate) _sendServerErrors = sends;
    }

    /// <summary>The next <paramref name="requests"/> requests get no answer until <see cref="ReleaseHung"/> (or the client gives up).</summary>
    public void HangNext(int requests = int.MaxValue)
    {
        lock (_gate) _hangs = requests;
    }

    /// <summary>Every create to this number gets no answer until <see cref="ReleaseHung"/>, which also ends this.</summary>
    public string? HangSendsTo { get; set; }

    /// <summary>Stops hanging: held requests go on and are answered as usual.</summary>
    public void ReleaseHung()
    {
        TaskCompletionSource release;
        lock (_gate)
        {
            _hangs = 0;
            HangSendsTo = null;
            release = _release;
            _release = NewRelease();
        }
        release.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseHung();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await _app.DisposeAsync();
    }

    // ---- Serving ----

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        try
        {
            await AnswerAsync(context, request);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (a timeout): no answer.
        }
    }

    private async Task AnswerAsync(HttpContext context, FakeTwilioRequest request)
    {
        if (Latency > TimeSpan.Zero) await Task.Delay(Latency, context.RequestAborted);
        Task? hang = null;
        lock (_gate)
        {
            if (_hangs > 0)
            {
                _hangs--;
                hang = _release.Task;
            }
            else if (HangSendsTo is { } number && request.Method == "POST" && request.Form.GetValueOrDefault("To") == number)
            {
                hang = _release.Task;
            }
        }
        if (hang is not null)
        {
            Interlocked.Increment(ref _hung);
            Interlocked.Increment(ref _heldSoFar);
            try
            {
                await hang.WaitAsync(context.RequestAborted);
            }
            finally
            {
                Interlocked.Decrement(ref _hung);
            }
        }

        if (RejectCredentials || !Authorized(context.Request))
        {
            await ErrorAsync(context, request, 401, 20003, "Authenticate");
            return;
        }

        TimeSpan? retryAfter = null;
        var tooMany = false;
        var serverError = 0;
        lock (_gate)
        {
            if (_tooManyRequests > 0)
            {
                _tooManyRequests--;
                tooMany = true;
                retryAfter = _retryAfter;
            }
            else if (_serverErrors > 0)
            {
                _serverErrors--;
                serverError = _serverErrorStatus;
            }
        }
        if (tooMany)
        {
            if (retryAfter is { } wait)
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ErrorAsync(context, request, 429, 20429, "Too Many Requests");
            return;
        }
        if (serverError != 0)
        {
            await ErrorAsync(context, request, serverError, 20000 + serverError,
                serverError == 503 ? "Service Unavailable" : "Internal Server Error");
            return;
        }

        await RouteAsync(context, request);
    }

    private async Task RouteAsync(HttpContext context, FakeTwilioRequest request)
    {
        var path = context.Request.Path.Value ?? "";
        var at = path.IndexOf(ApiVersion, StringComparison.Ordinal);
        var parts = at < 0 ? [] : path[(at + ApiVersion.Length)..].Split('/');
        var method = context.Request.Method;

        if (parts.Length >= 2 && parts[0] != AccountSid)
        {
            await NotFoundAsync(context, request, path);
            return;
        }
        if (parts is [_, "Messages.json"])
        {
            if (HttpMethods.IsPost(method)) await CreateAsync(context, request);
            else if (HttpMethods.IsGet(method) && !ListUnsupported) await ListAsync(context, request, path);
            else if (HttpMethods.IsGet(method)) await NotFoundAsync(context, request, path);
            else await ErrorAsync(context, request, 405, 20004, "Method not allowed");
            return;
        }
        if (parts is [_, "Messages", var file] && file.EndsWith(".json", StringComparison.Ordinal))
        {
            var sid = file[..^".json".Length];
            request.MessageSid = sid;
            if (HttpMethods.IsGet(method)) await FetchAsync(context, request, sid, path);
            else if (HttpMethods.IsDelete(method)) await DeleteAsync(context, request, sid, path);
            else await ErrorAsync(context, request, 405, 20004, "Method not allowed");
            return;
        }
        await NotFoundAsync(context, request, path);
    }

    private async Task CreateAsync(HttpContext context, FakeTwilioRequest request)
    {
        var form = request.Form;
        var to = form.GetValueOrDefault("To");
        var from = form.GetValueOrDefault("From");
        var service = form.GetValueOrDefault("MessagingServiceSid");
        var body = form.GetValueOrDefault("Body");
        if (string.IsNullOrEmpty(to))
        {
            await ErrorAsync(context, request, 400, 21604, "A 'To' phone number is required.");
            return;
        }
        if (string.IsNullOrEmpty(from) && string.IsNullOrEmpty(service))
        {
            await ErrorAsync(context, request, 400, 21603, "A 'From' phone number is required.");
            return;
        }
        if (string.IsNullOrEmpty(body))
        {
            await ErrorAsync(context, request, 400, 21602, "Message body is required.");
            return;
        }

        var refusal = 0;
        var serverError = false;
        lock (_gate)
        {
            if (_sendServerErrors > 0)
            {
                _sendServerErrors--;
                serverError = true;
            }
            else if (_refusedSends > 0)
            {
                _refusedSends--;
                refusal = _refusalCode;
            }
            else if (to is not null && _refusedTo.TryGetValue(to, out var refusedTo))
            {
                refusal = refusedTo;
            }
        }
        if (serverError)
        {
            await ErrorAsync(context, request, 500, 20500, "Internal Server Error");
            return;
        }
        if (refusal != 0)
        {
            await ErrorAsync(context, request, 400, refusal, $"The message could not be sent (code {refusal}).");
            return;
        }

        var now = Clock.GetUtcNow();
        var message = new FakeTwilioMessage
        {
            Sid = NewSid(), AccountSid = AccountSid, To = to, From = string.IsNullOrEmpty(from) ? null : from, Body = body,
            MessagingServiceSid = string.IsNullOrEmpty(service) ? null : service,
            StatusCallback = form.GetValueOrDefault("StatusCallback"), Direction = "outbound-api",
            DateCreated = now, DateUpdated = now,
            // Through a Messaging Service Twilio first answers "accepted", before it picks a sender.
            Status = string.IsNullOrEmpty(service) ? "queued" : "accepted",
        };
        var truncated = false;
        lock (_gate)
        {
            _messages[message.Sid] = message;
            if (_truncatedSends > 0)
            {
                _truncatedSends--;
                truncated = true;
            }
        }
        request.MessageSid = message.Sid;
        var json = FakeTwilioJson.Message(message);
        await JsonAsync(context, request, 201, truncated ? json[..(json.Length / 2)] : json);
    }

    /// <summary>
    /// Twilio's list: filtered by To and From when given, newest first, a page of PageSize (50 by default, 1000 at
    /// most) at Page (0 by default), with the next page's URI while more remain, as Twilio pages it.
    /// </summary>
    private async Task ListAsync(HttpContext context, FakeTwilioRequest request, string path)
    {
        var query = context.Request.Query;
        var to = query["To"].ToString();
        var from = query["From"].ToString();
        var pageSize = int.TryParse(query["PageSize"], out var size) && size is > 0 and <= 1000 ? size : 50;
        var pageNumber = int.TryParse(query["Page"], out var number) && number >= 0 ? number : 0;
        List<FakeTwilioMessage> page;
        bool more;
        lock (_gate)
        {
            var matching = _messages.Values
                .Where(m => (to.Length == 0 || m.To == to) && (from.Length == 0 || m.From == from))
                .OrderByDescending(m => m.DateCreated)
                .Skip(pageNumber * pageSize)
                .Take(pageSize + 1)
                .ToList();
            more = matching.Count > pageSize;
            page = [.. matching.Take(pageSize).Select(Shown)];
        }
        var filters = new FakeTwilioListPage(path, to, from, pageSize, pageNumber, more);
        await JsonAsync(context, request, 200, FakeTwilioJson.MessageList(page, filters));
    }

    private async Task FetchAsync(HttpContext context, FakeTwilioRequest request, string sid, string path)
    {
        byte[]? json;
        lock (_gate) json = _messages.TryGetValue(sid, out var message) ? FakeTwilioJson.Message(Shown(message)) : null;
        if (json is null) await NotFoundAsync(context, request, path);
        else await JsonAsync(context, request, 200, json);
    }

    private async Task DeleteAsync(HttpContext context, FakeTwilioRequest request, string sid, string path)
    {
        bool found;
        var notFinal = false;
        lock (_gate)
        {
            found = _messages.TryGetValue(sid, out var message);
            if (found)
            {
                message!.DeleteAttempts++;
                var refusals = _notFinalYetFor.TryGetValue(sid, out var own) ? own : _notFinalYetForAll;
                notFinal = message.DeleteAttempts <= refusals || InFlightStatuses.Contains(message.Status);
                if (!notFinal)
                {
                    _messages.Remove(sid);
                    _deleted.Add(sid);
                }
            }
        }
        if (!found)
        {
            await NotFoundAsync(context, request, path);
            return;
        }
        if (notFinal)
        {
            await ErrorAsync(context, request, NotFinalYetStatus, 20009, "Cannot delete this resource before it is complete");
            return;
        }
        request.Status = 204;
        context.Response.StatusCode = 204;
    }

    /// <summary>The message as the API shows it under <see cref="Redaction"/>: a copy with what is redacted blanked.</summary>
    private FakeTwilioMessage Shown(FakeTwilioMessage message)
    {
        if (Redaction == FakeTwilioRedaction.None || message.Status is "accepted" or "scheduled" or "queued") return message;
        var numbers = Redaction.HasFlag(FakeTwilioRedaction.Numbers);
        var outbound = message.Direction.StartsWith("outbound", StringComparison.Ordinal);
        return new FakeTwilioMessage
        {
            Sid = message.Sid, AccountSid = message.AccountSid,
            To = numbers && outbound ? Masked(message.To) : message.To,
            From = numbers && !outbound ? Masked(message.From) : message.From,
            Body = Redaction.HasFlag(FakeTwilioRedaction.Bodies) ? "" : message.Body,
            MessagingServiceSid = message.MessagingServiceSid, StatusCallback = message.StatusCallback, Direction = message.Direction,
            DateCreated = message.DateCreated, Status = message.Status, ErrorCode = message.ErrorCode, DateUpdated = message.DateUpdated,
        };
    }

    private static string? Masked(string? number) => number is { Length: > 4 } ? number[..^4] + "XXXX" : number;

    private Task NotFoundAsync(HttpContext context, FakeTwilioRequest request, string path) =>
        ErrorAsync(context, request, 404, 20404, $"The requested resource {path} was not found");

    private static Task ErrorAsync(HttpContext context, FakeTwilioRequest request, int status, int code, string message)
    {
        request.ErrorCode = code;
        return JsonAsync(context, request, status, FakeTwilioJson.Error(code, message, status));
    }

    private static async Task JsonAsync(HttpContext context, FakeTwilioRequest request, int status, byte[] json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
        request.Status = status;
    }

    private async Task<FakeTwilioRequest> RecordAsync(HttpContext context)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.HasFormContentType)
        {
            foreach (var (key, values) in await context.Request.ReadFormAsync(context.RequestAborted))
                form[key] = values.ToString();
        }
        lock (_gate)
        {
            var request = new FakeTwilioRequest(
                _requests.Count, context.Request.Method, context.Request.Path + context.Request.QueryString, form,
                DateTimeOffset.UtcNow, _clock.Elapsed);
            _requests.Add(request);
            return request;
        }
    }

    private bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return false;
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            return credentials == $"{AccountSid}:{AuthToken}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string NewSid() => "SM" + Guid.NewGuid().ToString("N");

    private static TaskCompletionSource NewRelease() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
