using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// The line's provider client as the app registers it (<see cref="TwilioApiServices.AddTwilioApi"/>, settings from a
/// configuration "Twilio" section) pointed at a <see cref="FakeTwilioApi"/>, with every log line captured. The
/// pipeline's waits are shortened (10 ms backoff) but its timeouts stay generous unless a test shortens them, so a
/// loaded machine does not turn a slow answer into a retry.
/// </summary>
internal sealed class OutboundHarness : IAsyncDisposable
{
    public const string LineNumber = "+15005550006";
    public const string TexterNumber = "+14155550123";

    private readonly ServiceProvider _services;

    private OutboundHarness(FakeTwilioApi fake, ServiceProvider services, CapturedLogs logs)
    {
        Fake = fake;
        _services = services;
        Logs = logs;
        Messages = services.GetRequiredService<ITwilioMessages>();
        Options = services.GetRequiredService<TwilioRestClients>().Options;
    }

    public FakeTwilioApi Fake { get; }

    public ITwilioMessages Messages { get; }

    public TwilioApiOptions Options { get; }

    public CapturedLogs Logs { get; }

    /// <summary>The fake clock the pipeline follows, when the test gave one.</summary>
    public FakeTimeProvider? Clock { get; private init; }

    /// <param name="clock">
    /// A clock for the pipeline's timeouts and waits (Polly takes the TimeProvider registered beside it), which only the
    /// test moves. A test of a timeout needs one: by the real clock, on a loaded machine an attempt can time out before
    /// its request has even reached the fake.
    /// </param>
    public static async Task<OutboundHarness> StartAsync(Action<Dictionary<string, string?>>? settings = null, FakeTimeProvider? clock = null)
    {
        var fake = await FakeTwilioApi.StartAsync();
        var values = new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = fake.AccountSid,
            ["Twilio:AuthToken"] = fake.AuthToken,
            ["Twilio:ApiBaseUrl"] = fake.BaseUrl.ToString(),
            ["Twilio:From"] = LineNumber,
            ["Twilio:Resilience:AttemptTimeout"] = "00:00:10",
            ["Twilio:Resilience:TotalTimeout"] = "00:00:40",
            ["Twilio:Resilience:MaxRetryAttempts"] = "3",
            ["Twilio:Resilience:BaseDelay"] = "00:00:00.010",
            ["Twilio:Resilience:MaxDelay"] = "00:00:00.050",
            ["Twilio:Resilience:MaxRetryAfter"] = "00:00:05",
        };
        settings?.Invoke(values);
        values = values.Replace("{fake}", fake.BaseUrl.ToString().TrimEnd('/'));

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturedLogs();
        var collection = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddTwilioApi(configuration);
        if (clock is not null) collection.AddSingleton<TimeProvider>(clock);
        var services = collection
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new OutboundHarness(fake, services, logs) { Clock = clock };
    }

    /// <summary>
    /// A provider that never answers, played on the fake <see cref="Clock"/>: each time the fake starts holding another
    /// request, the clock moves on by <paramref name="attemptTimeout"/>, so every attempt times out once its request
    /// has reached the fake, never before. The clock moves for nothing else, so the pipeline's backoff must be zero
    /// (<c>Twilio:Resilience:BaseDelay</c> 00:00:00).
    /// </summary>
    public async Task<T> TimeOutEveryAttemptAsync<T>(Task<T> call, TimeSpan attemptTimeout)
    {
        var clock = Clock ?? throw new InvalidOperationException("start the harness with a fake clock");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var timedOut = 0;
        while (!call.IsCompleted)
        {
            if (Fake.HeldSoFar > timedOut)
            {
                timedOut++;
                clock.Advance(attemptTimeout);
                continue;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the call did not end after {timedOut} attempts timed out");
            await Task.Delay(10);
        }
        return await call;
    }

    /// <summary>A message the fake holds as received from the texter, ready to be deleted.</summary>
    public string InboundMessage(string body = "where can I get tested") =>
        Fake.AddMessage(TexterNumber, LineNumber, body).Sid;

    public async ValueTask DisposeAsync()
    {
        await DisposeServicesAsync();
        await Fake.DisposeAsync();
    }

    /// <summary>
    /// Polly's pipeline registry, disposed while a call is still in the pipeline (a test that failed mid-call), waits
    /// for that call in sleeps of a second on the pipeline's clock: on a fake clock nobody moves it waited for ever. The
    /// fake clock is moved on until the dispose ends, so such a test fails instead of hanging.
    /// </summary>
    private async Task DisposeServicesAsync()
    {
        var disposing = _services.DisposeAsync().AsTask();
        if (Clock is { } clock)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!disposing.IsCompleted && DateTime.UtcNow < deadline)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.WhenAny(disposing, Task.Delay(10));
            }
        }
        await disposing;
    }
}

internal static class SettingsExtensions
{
    /// <summary>Replaces a placeholder in every value (e.g. {fake} for the fake's base URL).</summary>
    public static Dictionary<string, string?> Replace(this Dictionary<string, string?> values, string placeholder, string value) =>
        values.ToDictionary(pair => pair.Key, pair => pair.Value?.Replace(placeholder, value, StringComparison.Ordinal));
}
