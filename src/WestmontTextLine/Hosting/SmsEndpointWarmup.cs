using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using WestmontTextLine.Conversations;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Engine;
using WestmontTextLine.Sms;
using WestmontTextLine.Storage;
using WestmontTextLine.Twilio;
using WestmontTextLine.Usage;
using WestmontTextLine.Senders;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Sends one signed text through the real POST /sms endpoint, in-process, on a spare thread while Kestrel starts:
/// the routing, the filters, the form reading, the handler, the conversation, a store save and the TwiML. The first text from
/// Twilio then finds that code compiled. The text goes to a conversation service of its own, over a private
/// in-memory store, with its own usage queue, its own run of fallbacks and no logs: nothing of it reaches the line's store, its usage counts
/// or its logs, and nothing it does can stop the line from starting.
/// </summary>
public sealed class SmsEndpointWarmup(
    IServiceProvider services, IOptions<TwilioOptions> twilio, IOptions<TextLineOptions> options, WorkerStartSignal firstAnswer,
    IHostApplicationLifetime lifetime)
{
    private const string WarmupSender = "+10000000000";

    /// <summary>A warm-up that failed before it had a status; not an HTTP status.</summary>
    public const int Failed = 0;

    /// <summary>
    /// The warm-up's HTTP status (200 when the whole path ran), or <see cref="Failed"/>. An int, not an int?: a task of
    /// a nullable struct is generic code the JIT compiles at start, a task of an int ships compiled.
    /// </summary>
    public Task<int> Completion { get; private set; } = Task.FromResult(Failed);

    /// <summary>
    /// Completes once the warm-up's private store is closed: after the line's first answer (or the workers' fallback
    /// delay, or the line's stop), not as the warm-up ends. Closing it has the JIT compile the store's async disposal
    /// (about 35 methods), which the first real text does not need; it ran beside the first connection.
    /// </summary>
    public Task StoreClosed { get; private set; } = Task.CompletedTask;

    public void Start(IEndpointRouteBuilder endpoints)
    {
        var routed = ThroughRouting(endpoints);
        Completion = Task.Run(() => RunAsync(routed));
    }

    private ProviderDeletions InMemoryDeletions()
    {
        var work = new InMemoryScheduledWork();
        return ActivatorUtilities.CreateInstance<ProviderDeletions>(services, work, new ScheduledWorkLog(work, WorkKinds.Delete));
    }

    private async Task<int> RunAsync(RequestDelegate routed)
    {
        try
        {
            // Its log is never folded: the database vanishes with the store, and a fold is off a text's path anyway.
            var store = new SqliteSessionStore(
                $"Data Source=textline-warmup-{Guid.NewGuid():N};Mode=Memory;Cache=Shared;Pooling=False", SqliteSessionLogOptions.NeverFolds);
            StoreClosed = CloseAfterFirstAnswerAsync(store);
            using var rateLimiter = new SenderRateLimiter(TimeProvider.System, options.Value.RateLimitPerMinute, maxTrackedSenders: 1);
            // The real service's own constructor, so the warm-up never drifts from it; only these parts are its own.
            var conversations = ActivatorUtilities.CreateInstance<ConversationService>(services,
                store, new SenderKeys(RandomNumberGenerator.GetBytes(32)), new SenderLocks(), NoSharedSenderLocks.Instance, rateLimiter, new UsageRecorder(),
                InMemoryDeletions(),
                // A fallback of its own (a slow first run) is no run of the line's: the first real text would end it in the log.
                new FallbackEpisode(),
                NullLogger<ConversationService>.Instance);

            var context = SignedText(new WarmupServices(services, conversations));
            await routed(context);
            return context.Response.StatusCode;
        }
        catch (Exception)
        {
            // A warm-up only saves time; the first real text compiles whatever is left.
            return Failed;
        }
    }

    /// <summary>
    /// The line's endpoints behind routing, in a pipeline of their own, as a request from Kestrel meets them. ASP.NET
    /// Core builds a route table's matcher on the first request it routes: the warm-up's text builds this one, so the JIT
    /// has compiled that code (about 65 methods) before Twilio's first text builds the line's own. Built on the calling
    /// thread, before the host starts: UseEndpoints adds the endpoints to the routing settings, as the line's own
    /// pipeline does when the host builds it, and the two must not do that at once.
    /// </summary>
    private static RequestDelegate ThroughRouting(IEndpointRouteBuilder endpoints)
    {
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseRouting();
        // A branch routes over endpoints of its own: the line's.
        pipeline.UseEndpoints(routes =>
        {
            foreach (var source in endpoints.DataSources) routes.DataSources.Add(source);
        });
        return pipeline.Build();
    }

    private async Task CloseAfterFirstAnswerAsync(SqliteSessionStore store)
    {
        try
        {
            await firstAnswer.FirstAnsweredOrDue(lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        finally
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }
    }

    private DefaultHttpContext SignedText(IServiceProvider requestServices)
    {
        // Pairs as arrays, not a dictionary of strings: nothing the JIT must compile for the warm-up alone.
        string[][] fields = [["Body", "hi"], ["From", WarmupSender], ["MessageSid", "SMwarmup"]];
        var body = Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{f[0]}={Uri.EscapeDataString(f[1])}")));
        var context = new DefaultHttpContext { RequestServices = requestServices };
        context.Features.Set(WarmupText.Instance);
        var request = context.Request;
        request.Method = HttpMethods.Post;
        request.Scheme = "http";
        request.Host = new HostString("localhost");
        request.Path = SmsEndpoint.Path;
        request.ContentType = "application/x-www-form-urlencoded";
        request.ContentLength = body.Length;
        request.Body = new MemoryStream(body);
        if (twilio.Value.AuthToken is { Length: > 0 } token)
        {
            var url = TwilioRequestUrl.Of(request, twilio.Value.RequestValidation.BaseUrl);
            var form = new Dictionary<string, StringValues>(fields.Length, StringComparer.Ordinal);
            foreach (var field in fields) form[field[0]] = field[1];
            request.Headers[ValidateTwilioRequestFilter.SignatureHeader] = TwilioSignature.Sign(token, url, new FormCollection(form));
        }
        return context;
    }

    /// <summary>The line's services, but the warm-up's own conversation service.</summary>
    private sealed class WarmupServices(IServiceProvider services, ConversationService conversations) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(ConversationService) ? conversations : services.GetService(serviceType);
    }
}

public static class SmsEndpointWarmupExtensions
{
    /// <summary>Starts the warm-up of POST /sms; call after the endpoints are mapped, before the app runs.</summary>
    public static WebApplication WarmUpSms(this WebApplication app)
    {
        app.Services.GetRequiredService<SmsEndpointWarmup>().Start(app);
        return app;
    }
}
