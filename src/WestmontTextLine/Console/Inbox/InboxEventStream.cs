using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using WestmontTextLine.Handoff;

namespace WestmontTextLine.Console.Inbox;

/// <summary>
/// GET /console/Inbox/events: the inbox's changes, on whichever instance they happened (<see cref="IInboxEvents"/>),
/// as server-sent events for the inbox and conversation pages to refresh their live part within 2 seconds. Each event
/// carries a kind and a conversation id, never a body or a number:
/// <code>data: {"kind":"message","id":"5d1c…"}</code>
/// Staff only, like the pages; a request that is not signed in gets 401 and no stream (<see cref="AutomaticRequests"/>).
/// The answer is never buffered: it starts at once, then sends a "ready" event once the subscription is confirmed
/// (<see cref="IInboxEvents.SubscribeAsync"/>), each event is flushed as it comes,
/// nginx is told not to buffer (X-Accel-Buffering), and a comment every 15 s keeps proxies from closing it. A stream
/// ends after a minute; the browser reconnects a second later, and the sign-in is checked again, so a session that
/// ended (signed out, reset, removed) gets no more after that minute. A stream ends at once
/// when the line is stopping, so an open page does not hold a restart for the host's shutdown timeout. An account holds
/// at most <see cref="OpenInboxStreams.MaxPerAccount"/> streams at once on an instance; more get 429.
/// </summary>
public static class InboxEventStream
{
    public const string Path = "/Inbox/events";
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>How long the browser waits before it reconnects, after a stream ends.</summary>
    public const int ReconnectMilliseconds = 1000;

    public static IEndpointConventionBuilder MapInboxEvents(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, StreamAsync).RequireAuthorization(ConsoleServices.StaffPolicy);

    private static async Task StreamAsync(
        HttpContext context, [FromServices] IInboxEvents events, [FromServices] OpenInboxStreams streams, [FromServices] IHostApplicationLifetime lifetime)
    {
        using var opened = streams.TryOpen(context.User.Identity?.Name ?? "");
        if (opened is null)
        {
            // EventSource does not reconnect after an error status: the page stays as it is, and a reload tries again.
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await context.Response.WriteAsync($"This account already has {OpenInboxStreams.MaxPerAccount} live inbox pages open. Close some, then reload.");
            return;
        }
        // A stream also ends when the line is stopping: the server waits for every request to end before it stops, and an
        // open inbox page held each stop (a restart, a deploy) for the host's whole shutdown timeout, 30 s with no texts answered.
        using var life = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        life.CancelAfter(Lifetime);
        var cancellationToken = life.Token;
        var response = context.Response;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        response.ContentType = AutomaticRequests.EventStream + "; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";

        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = events.SubscribeAsync(cancellationToken, () => subscribed.TrySetResult()).GetAsyncEnumerator(cancellationToken);
        var next = subscription.MoveNextAsync().AsTask();
        try
        {
            // The answer starts at once; "ready" (on which the page catches up) waits for the subscription to be in place,
            // so that nothing published after it is missed. On Redis that takes the server's answer: a "ready" sent
            // before it left a gap where a message reached the page only through that catch-up.
            await WriteAsync(response, $"retry: {ReconnectMilliseconds}\n\n", cancellationToken);
            if (!await SubscribedAsync(subscribed.Task, next)) return;
            await WriteAsync(response, "event: ready\ndata: {}\n\n", cancellationToken);
            var keepAlive = Task.Delay(KeepAlive, cancellationToken);
            while (true)
            {
                if (await Task.WhenAny(next, keepAlive) == keepAlive)
                {
                    await keepAlive;
                    await WriteAsync(response, ": keep-alive\n\n", cancellationToken);
                    keepAlive = Task.Delay(KeepAlive, cancellationToken);
                    continue;
                }
                if (!await next) return;
                await WriteAsync(response, Format(subscription.Current), cancellationToken);
                next = subscription.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser left, or the stream's lifetime is over: the browser reconnects.
        }
        finally
        {
            // An iterator cannot be disposed while it waits for its next event: end the wait first.
            await life.CancelAsync();
            try
            {
                await next;
            }
            catch (OperationCanceledException)
            {
            }
            await subscription.DisposeAsync();
        }
    }

    /// <summary>
    /// True once the subscription is confirmed, or once its first event came (which it can only be in place for); false when
    /// the stream ended first.
    /// </summary>
    private static async Task<bool> SubscribedAsync(Task subscribed, Task<bool> next)
    {
        await Task.WhenAny(subscribed, next);
        return subscribed.IsCompleted || await next;
    }

    /// <summary>One event: its kind and conversation id as JSON, nothing else.</summary>
    public static string Format(InboxEvent inboxEvent)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", KindName(inboxEvent.Kind));
            if (inboxEvent.ConversationId is { } id) json.WriteString("id", id);
            else json.WriteNull("id");
            json.WriteEndObject();
        }
        return $"data: {Encoding.UTF8.GetString(buffer.WrittenSpan)}\n\n";
    }

    /// <summary>"message", "opened", "shift"…: the kind as the page's script reads it.</summary>
    public static string KindName(InboxEventKind kind) => kind.ToString().ToLowerInvariant();

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
