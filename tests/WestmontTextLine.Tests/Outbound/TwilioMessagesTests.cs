using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// The provider client through the real Twilio SDK (MessageResource over TwilioRestClient) against the
/// Twilio-shaped fake on real HTTP: what is sent, what each answer means, and what the resilience pipeline retries.
/// The pipeline's waits and timeouts are read off a fake clock where a test is about them, never timed.
/// </summary>
public sealed class TwilioMessagesTests
{
    private static readonly Uri StatusCallback = new("https://line.example.org/sms/status?n=law_status");

    [Fact]
    public async Task A_send_reaches_the_fake_with_its_fields_and_gives_the_new_sid()
    {
        await using var line = await OutboundHarness.StartAsync();

        var result = await line.Messages.SendAsync(OutboundHarness.TexterNumber, "Reply OK when you are safe.", StatusCallback, default);

        Assert.True(result.Sent, result.Error?.ToString());
        Assert.Matches("^SM[0-9a-f]{32}$", result.Sid);
        var request = Assert.Single(line.Fake.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{line.Fake.AccountSid}/Messages.json", request.Path);
        Assert.Equal(201, request.Status);
        Assert.Equal(OutboundHarness.TexterNumber, request.Form["To"]);
        Assert.Equal(OutboundHarness.LineNumber, request.Form["From"]);
        Assert.Equal("Reply OK when you are safe.", request.Form["Body"]);
        Assert.Equal(StatusCallback.AbsoluteUri, request.Form["StatusCallback"]);
        Assert.False(request.Form.ContainsKey("MessagingServiceSid"));

        var message = line.Fake.Message(result.Sid!);
        Assert.NotNull(message);
        Assert.Equal("queued", message.Status);
        Assert.Equal("outbound-api", message.Direction);
    }

    [Fact]
    public async Task A_messaging_service_is_used_instead_of_the_from_number_when_set()
    {
        await using var line = await OutboundHarness.StartAsync(settings =>
            settings["Twilio:MessagingServiceSid"] = "MG0000000000000000000000000000abcd");

        var result = await line.Messages.SendAsync(OutboundHarness.TexterNumber, "Test", null, default);

        Assert.True(result.Sent, result.Error?.ToString());
        var request = Assert.Single(line.Fake.Requests);
        Assert.Equal("MG0000000000000000000000000000abcd", request.Form["MessagingServiceSid"]);
        Assert.False(request.Form.ContainsKey("From"));
        Assert.False(request.Form.ContainsKey("StatusCallback"));
        Assert.Equal("accepted", line.Fake.Message(result.Sid!)!.Status);
    }

    [Fact]
    public async Task Fetch_reads_the_status_and_the_error_code()
    {
        await using var line = await OutboundHarness.StartAsync();
        var sent = await line.Messages.SendAsync(OutboundHarness.TexterNumber, "Test", StatusCallback, default);

        var queued = await line.Messages.FetchStatusAsync(sent.Sid!, default);
        Assert.Equal(("queued", (int?)null, (TwilioError?)null), (queued.Status, queued.ErrorCode, queued.Error));
        Assert.False(queued.IsFinal);

        line.Fake.SetStatus(sent.Sid!, "undelivered", 30007);
        var filtered = await line.Messages.FetchStatusAsync(sent.Sid!, default);
        Assert.Equal(("undelivered", (int?)30007), (filtered.Status, filtered.ErrorCode));
        Assert.True(filtered.IsFinal);
        Assert.Equal($"/2010-04-01/Accounts/{line.Fake.AccountSid}/Messages/{sent.Sid}.json", line.Fake.Requests[^1].Path);
    }

    [Fact]
    public async Task A_send_accepted_with_an_answer_cut_off_is_uncertain_not_refused()
    {
        // The 201 says Twilio took the text; only its JSON was lost. "Refused" would report a text that went out as
        // failed, and never try it again; "uncertain" is what the line knows: it may have gone out.
        await using var line = await OutboundHarness.StartAsync();
        line.Fake.TruncateSendAnswers(1);

        var result = await line.Messages.SendAsync(OutboundHarness.TexterNumber, "Test", StatusCallback, default);

        Assert.False(result.Sent);
        Assert.Equal(TwilioErrorKind.Uncertain, result.Error!.Kind);
        Assert.Equal(201, result.Error.HttpStatus);
        Assert.Equal([201], line.Fake.Requests.Select(r => r.Status));
        Assert.Single(line.Fake.Messages);
    }

    [Fact]
    public async Task Fetching_an_unknown_message_is_not_found()
    {
        await using var line = await OutboundHarness.StartAsync();

        var result = await line.Messages.FetchStatusAsync("SM00000000000000000000000000000000", default);

        Assert.Null(result.Status);
        Assert.Equal(new TwilioError(TwilioErrorKind.NotFound, 20404, 404), result.Error);
    }

    [Fact]
    public async Task A_delete_removes_the_message_and_a_second_finds_it_already_gone()
    {
        await using var line = await OutboundHarness.StartAsync();
        var sid = line.InboundMessage();

        var first = await line.Messages.DeleteAsync(sid, default);
        var second = await line.Messages.DeleteAsync(sid, default);

        Assert.Equal(new TwilioDeleteResult(TwilioDeleteOutcome.Deleted, null), first);
        Assert.Equal(TwilioDeleteOutcome.AlreadyGone, second.Outcome);
        Assert.Equal(20404, second.ErrorCode);
        Assert.True(first.Done && second.Done);
        Assert.Equal([sid], line.Fake.DeletedSids);
        Assert.Null(line.Fake.Message(sid));
        Assert.Equal([204, 404], line.Fake.Requests.Select(r => r.Status));
    }

    [Theory]
    [InlineData(422)]
    [InlineData(409)]
    [InlineData(400)]
    public async Task A_message_not_final_yet_is_reported_by_its_code_and_not_retried_by_the_pipeline(int httpStatus)
    {
        await using var line = await OutboundHarness.StartAsync();
        line.Fake.NotFinalYetStatus = httpStatus;
        var sid = line.InboundMessage();
        line.Fake.DeleteNotFinalYet(sid, times: 1);

        var early = await line.Messages.DeleteAsync(sid, default);
        Assert.Equal(TwilioDeleteOutcome.NotFinalYet, early.Outcome);
        Assert.Equal(new TwilioError(TwilioErrorKind.NotFinalYet, 20009, httpStatus), early.Error);
        Assert.Equal(1, line.Fake.Count("DELETE"));

        var later = await line.Messages.DeleteAsync(sid, default);
        Assert.Equal(TwilioDeleteOutcome.Deleted, later.Outcome);
    }

    [Fact]
    public async Task Every_message_can_be_refused_as_not_final_yet_a_number_of_times()
    {
        await using var line = await OutboundHarness.StartAsync();
        line.Fake.DeleteNotFinalYetForAll(times: 2);
        var sids = new[] { line.InboundMessage(), line.InboundMessage() };

        foreach (var sid in sids)
        {
            Assert.Equal(TwilioDeleteOutcome.NotFinalYet, (await line.Messages.DeleteAsync(sid, default)).Outcome);
            Assert.Equal(TwilioDeleteOutcome.NotFinalYet, (await line.Messages.DeleteAsync(sid, default)).Outcome);
            Assert.Equal(TwilioDeleteOutcome.Deleted, (await line.Messages.DeleteAsync(sid, default)).Outcome);
        }
        Assert.Equal(sids, line.Fake.DeletedSids);
    }

    [Fact]
    public async Task A_429_is_retried_by_the_pipeline_after_the_Retry_After_it_names()
    {
        // The pipeline's wait before a retry is the one timer it makes with a due time (its timeouts set theirs later),
        // and its own backoff here is 10 to 50 ms: a wait of 1 s is the header's.
        var clock = new TimerRecordingClock();
        await using var line = await OutboundHarness.StartAsync(clock: clock);
        var sid = line.InboundMessage();
        line.Fake.TooManyRequests(1, retryAfter: TimeSpan.FromSeconds(1));

        var call = line.Messages.DeleteAsync(sid, default);
        await Eventually.TrueAsync(
            () => clock.DueTimes.Count > 0 || line.Fake.RequestCount > 1 || call.IsCompleted, "the pipeline waiting to retry the 429");

        Assert.Equal([429], line.Fake.Requests.Select(r => r.Status)); // not retried before the clock moved
        var wait = clock.DueTimes.Cast<TimeSpan?>().FirstOrDefault();
        Assert.True(wait == TimeSpan.FromSeconds(1),
            $"the retry waits {wait?.ToString() ?? "for nothing"}, not the Retry-After's 1 s (timers: {string.Join(", ", clock.DueTimes)})");
        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(TwilioDeleteOutcome.Deleted, result.Outcome);
        var requests = line.Fake.Requests;
        Assert.Equal([429, 204], requests.Select(r => r.Status));
        Assert.Equal(20429, requests[0].ErrorCode);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_pipeline_waits_goes_back_to_the_caller()
    {
        await using var line = await OutboundHarness.StartAsync(settings =>
            settings["Twilio:Resilience:MaxRetryAfter"] = "00:00:01");
        var sid = line.InboundMessage();
        line.Fake.TooManyRequests(1, retryAfter: TimeSpan.FromSeconds(30));

        var result = await line.Messages.DeleteAsync(sid, default);

        // Had the pipeline retried it, the call would have waited out the 30 s itself and come back Deleted.
        Assert.Equal(TwilioDeleteOutcome.RetryLater, result.Outcome);
        Assert.Equal(new TwilioError(TwilioErrorKind.RetryLater, 20429, 429, TimeSpan.FromSeconds(30)), result.Error);
        Assert.Equal(1, line.Fake.RequestCount);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_calls_total_timeout_goes_back_to_the_caller_at_once()
    {
        await using var line = await OutboundHarness.StartAsync(settings =>
        {
            settings["Twilio:Resilience:MaxRetryAfter"] = "00:00:30";
            settings["Twilio:Resilience:AttemptTimeout"] = "00:00:01";
            settings["Twilio:Resilience:TotalTimeout"] = "00:00:02";
        }, new FakeTimeProvider()); // the timeouts wait for the test to move this clock, which it never does: a slow 429 stays a 429
        var sid = line.InboundMessage();
        line.Fake.TooManyRequests(1, retryAfter: TimeSpan.FromSeconds(10));

        var result = await line.Messages.DeleteAsync(sid, default);

        // Before, the call waited until its timeout cut the wait short, and the caller lost Twilio's Retry-After.
        Assert.Equal(new TwilioError(TwilioErrorKind.RetryLater, 20429, 429, TimeSpan.FromSeconds(10)), result.Error);
        Assert.Equal(1, line.Fake.RequestCount);
    }

    [Fact]
    public async Task Two_500s_are_retried_and_the_delete_then_succeeds()
    {
        await using var line = await OutboundHarness.StartAsync();
        var sid = line.InboundMessage();
        line.Fake.ServerErrors(2);

        var result = await line.Messages.DeleteAsync(sid, default);

        Assert.Equal(TwilioDeleteOutcome.Deleted, result.Outcome);
        Assert.Equal([500, 500, 204], line.Fake.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task Server_errors_beyond_the_retries_come_back_as_retry_later()
    {
        await using var line = await OutboundHarness.StartAsync(settings =>
            settings["Twilio:Resilience:MaxRetryAttempts"] = "2");
        var sid = line.InboundMessage();
        line.Fake.ServerErrors(10, status: 503);

        var result = await line.Messages.DeleteAsync(sid, default);

        Assert.Equal(TwilioDeleteOutcome.RetryLater, result.Outcome);
        Assert.Equal(new TwilioError(TwilioErrorKind.RetryLater, 20503, 503), result.Error);
        Assert.Equal(3, line.Fake.RequestCount);
        Assert.NotNull(line.Fake.Message(sid));
    }

    [Fact]
    public async Task A_hung_provider_times_out_as_retry_later_within_the_total_timeout()
    {
        await using var line = await OutboundHarness.StartAsync(settings =>
        {
            settings["Twilio:Resilience:AttemptTimeout"] = "00:00:00.300";
            settings["Twilio:Resilience:TotalTimeout"] = "00:00:01.500";
            settings["Twilio:Resilience:BaseDelay"] = "00:00:00";
        }, new FakeTimeProvider());
        var sid = line.InboundMessage();
        line.Fake.HangNext();
        var started = line.Clock!.GetUtcNow();

        var result = await line.TimeOutEveryAttemptAsync(line.Messages.DeleteAsync(sid, default), TimeSpan.FromMilliseconds(300));

        Assert.Equal(TwilioDeleteOutcome.RetryLater, result.Outcome);
        Assert.Null(result.ErrorCode);
        Assert.Equal("TimeoutRejectedException", result.Error!.Fault);
        Assert.True(line.Clock.GetUtcNow() - started <= TimeSpan.FromSeconds(1.5), $"gave up after {line.Clock.GetUtcNow() - started}");
        Assert.Equal(4, line.Fake.Count("DELETE")); // the first attempt and its 3 retries, 1.2 s: inside the total timeout
        Assert.NotNull(line.Fake.Message(sid));
    }

    [Fact]
    public async Task A_provider_that_refuses_connections_is_retry_later_even_for_a_send()
    {
        // Port 1 on loopback: nothing listens, the connection is refused before any request leaves.
        await using var line = await OutboundHarness.StartAsync(settings => settings["Twilio:ApiBaseUrl"] = "http://127.0.0.1:1");

        var send = await line.Messages.SendAsync(OutboundHarness.TexterNumber, "Test", StatusCallback, default);
        var delete = await line.Messages.DeleteAsync("SM00000000000000000000000000000000", default);

        Assert.Equal(TwilioErrorKind.RetryLater, send.Error!.Kind);
        Assert.Equal("HttpRequestException/ConnectionError", send.Error.Fault);
        Assert.Equal(TwilioDeleteOutcome.RetryLater, delete.Outcome);
    }

    [Fact]
    public async Task A_send_that_gets_no_answer_is_uncertain_and_never_sent_again()
    {
        // By the fake clock: by the real one, on a loaded machine the attempt timed out before the send even reached
        // the fake, and nothing could say whether it was sent once or not at all.
        await using var line = await OutboundHarness.StartAsync(settings =>
        {
            settings["Twilio:Resilience:AttemptTimeout"] = "00:00:01";
            settings["Twilio:Resilience:TotalTimeout"] = "00:00:05";
            settings["Twilio:Resilience:BaseDelay"] = "00:00:00"; // a retry, were there one, would need no clock to move
        }, new FakeTimeProvider());
        line.Fake.HangNext();

        var result = await line.TimeOutEveryAttemptAsync(
            line.Messages.SendAsync(OutboundHarness.TexterNumber, "Test", StatusCallback, default), TimeSpan.FromSeconds(1));

        Assert.False(result.Sent);
        Assert.Equal(TwilioErrorKind.Uncertain, result.Error!.Kind);
        Assert.Equal("TimeoutRejectedException", result.Error.Fault);
        Assert.Equal(1, line.Fake.Count("POST"));
    }

    [Fact]
    public async Task A_send_answered_with_a_500_is_uncertain_and_not_repeated()
    {
        await using var line = await OutboundHarness.StartAsync();
        line.Fake.ServerErrors(1);

        var result = await line.Messages.SendAsync(OutboundHarness.TexterNumber, "Test", StatusCallback, default);

        Assert.Equal(new TwilioError(TwilioErrorKind.Uncertain, 20500, 500), result.Error);
        Assert.Equal(1, line.Fake.Count("POST"));
    }

    [Fact]
    public async Task A_send_refused_with_a_429_is_retried_and_sent_once()
    {
        await using var line = await OutboundHarness.StartAsync();
        line.Fake.TooManyRequests(1, retryAfter: null);

        var result = await line.Messages.SendAsync(OutboundHarness.TexterNumber, "Test", StatusCallback, default);

        Assert.True(result.Sent, result.Error?.ToString());
        Assert.Equal([429, 201], line.Fake.Requests.Select(r => r.Status));
        Assert.Single(line.Fake.Messages);
    }

    [Fact]
    public async Task A_send_refused_by_twilio_keeps_its_code()
    {
        await using var line = await OutboundHarness.StartAsync();

        var result = await line.Messages.SendAsync(OutboundHarness.TexterNumber, "", StatusCallback, default);

        Assert.Equal(new TwilioError(TwilioErrorKind.Failed, 21602, 400), result.Error);
        Assert.Equal(1, line.Fake.RequestCount);
    }

    [Fact]
    public async Task A_wrong_auth_token_is_credentials_rejected_and_not_retried()
    {
        await using var line = await OutboundHarness.StartAsync(settings => settings["Twilio:AuthToken"] = "not-the-token");
        var sid = line.InboundMessage();

        var delete = await line.Messages.DeleteAsync(sid, default);
        var send = await line.Messages.SendAsync(OutboundHarness.TexterNumber, "Test", StatusCallback, default);

        Assert.Equal(TwilioDeleteOutcome.CredentialsRejected, delete.Outcome);
        Assert.Equal(new TwilioError(TwilioErrorKind.CredentialsRejected, 20003, 401), delete.Error);
        Assert.Equal(TwilioErrorKind.CredentialsRejected, send.Error!.Kind);
        Assert.Equal([401, 401], line.Fake.Requests.Select(r => r.Status));
        Assert.NotNull(line.Fake.Message(sid));
    }

    [Fact]
    public async Task Revoked_credentials_are_rejected_too()
    {
        await using var line = await OutboundHarness.StartAsync();
        var sid = line.InboundMessage();
        line.Fake.RejectCredentials = true;

        var result = await line.Messages.DeleteAsync(sid, default);

        Assert.Equal(TwilioDeleteOutcome.CredentialsRejected, result.Outcome);
        Assert.Equal(20003, result.ErrorCode);
    }

    [Fact]
    public async Task Cancelling_a_call_to_a_hung_provider_ends_it_promptly()
    {
        // The pipeline's timeouts follow a clock that never moves: only the cancellation (or, 45 s on, the
        // HttpClient's own backstop) can end the call.
        await using var line = await OutboundHarness.StartAsync(clock: new FakeTimeProvider());
        var sid = line.InboundMessage();
        line.Fake.HangNext();
        using var cancel = new CancellationTokenSource();

        var call = line.Messages.DeleteAsync(sid, cancel.Token);
        await Eventually.TrueAsync(() => line.Fake.HungNow == 1, "the delete held by the fake");
        cancel.Cancel();
        // Well short of the HttpClient's 45 s backstop, the only other end the call has.
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.IsNotType<TimeoutException>(cancelled.InnerException);
        Assert.Equal(1, line.Fake.Count("DELETE"));
    }

    [Fact]
    public async Task An_api_base_url_with_a_path_prefix_is_honoured()
    {
        await using var line = await OutboundHarness.StartAsync(settings =>
            settings["Twilio:ApiBaseUrl"] = "{fake}/api/laml");
        var sid = line.InboundMessage();

        var result = await line.Messages.DeleteAsync(sid, default);

        Assert.Equal(TwilioDeleteOutcome.Deleted, result.Outcome);
        Assert.Equal($"/api/laml/2010-04-01/Accounts/{line.Fake.AccountSid}/Messages/{sid}.json", Assert.Single(line.Fake.Requests).Path);
    }

    [Fact]
    public async Task No_log_line_carries_a_number_or_a_body()
    {
        await using var line = await OutboundHarness.StartAsync(settings =>
            settings["Twilio:Resilience:MaxRetryAttempts"] = "1");
        const string body = "I am at the clinic on Elm";
        var sent = await line.Messages.SendAsync(OutboundHarness.TexterNumber, body, StatusCallback, default);
        await line.Messages.FetchStatusAsync(sent.Sid!, default);
        await line.Messages.SendAsync(OutboundHarness.TexterNumber, "", StatusCallback, default); // refused: 21602
        line.Fake.ServerErrors(5);
        await line.Messages.DeleteAsync(sent.Sid!, default);
        await line.Messages.SendAsync(OutboundHarness.TexterNumber, body, StatusCallback, default);
        await line.Messages.DeleteAsync(sent.Sid!, default);
        await line.Messages.DeleteAsync(sent.Sid!, default);

        var logs = line.Logs.All;
        Assert.Contains(sent.Sid!, logs);
        Assert.DoesNotContain("5550123", logs);
        Assert.DoesNotContain("5550006", logs);
        Assert.DoesNotContain("clinic", logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(line.Fake.AuthToken, logs);
        Assert.DoesNotMatch(new Regex(@"\+\d{6,}"), logs);
    }
}
