using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// Finding the line's own earlier text at the provider (Twilio's list of messages, through the real SDK against the
/// fake): what the outbox asks before it sends a text again that may already have gone out.
/// </summary>
public sealed class TwilioLookupTests
{
    private const string Body = "Checking in. Reply OK if you are all right.";
    private static readonly Uri StatusCallback = new("https://line.example.org/sms/status?n=checkin");

    [Fact]
    public async Task A_send_whose_answer_was_cut_off_is_found_by_its_number_and_words()
    {
        await using var line = await OutboundHarness.StartAsync();
        line.Fake.TruncateSendAnswers(1);
        Assert.False((await line.Messages.SendAsync(OutboundHarness.TexterNumber, Body, StatusCallback, default)).Sent);

        var found = await line.Messages.FindSentAsync(OutboundHarness.TexterNumber, Body, DateTimeOffset.UtcNow.AddMinutes(-1), default);

        Assert.Null(found.Error);
        Assert.Equal([line.Fake.Messages.Single().Sid], found.Sids);
        var lookup = line.Fake.Requests[^1];
        Assert.Equal("GET", lookup.Method);
        Assert.StartsWith($"/2010-04-01/Accounts/{line.Fake.AccountSid}/Messages.json?To=%2B14155550123&", lookup.Path);
        Assert.Contains("PageSize=20", lookup.Path);
    }

    [Fact]
    public async Task Only_the_lines_own_texts_to_that_number_with_the_same_words_since_the_time_given_count()
    {
        await using var line = await OutboundHarness.StartAsync();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        line.Fake.AddMessage(OutboundHarness.LineNumber, OutboundHarness.TexterNumber, "Other words.", status: "delivered", direction: "outbound-api");
        line.Fake.AddMessage(OutboundHarness.LineNumber, "+14155550199", Body, status: "delivered", direction: "outbound-api");
        line.Fake.AddMessage("+15005550009", OutboundHarness.TexterNumber, Body, status: "delivered", direction: "outbound-api");
        line.Fake.AddMessage(OutboundHarness.TexterNumber, OutboundHarness.LineNumber, Body); // her own text to the line
        line.Fake.Clock = new FixedClock(since.AddMinutes(-5));
        line.Fake.AddMessage(OutboundHarness.LineNumber, OutboundHarness.TexterNumber, Body, status: "delivered", direction: "outbound-api");

        var found = await line.Messages.FindSentAsync(OutboundHarness.TexterNumber, Body, since, default);

        Assert.Null(found.Error);
        Assert.Empty(found.Sids);
    }

    // Twilio pages its list (next_page_uri while more remain); the look-up reads the newest page only, in one request.
    [Fact]
    public async Task With_more_than_a_page_of_texts_to_the_number_the_look_up_finds_a_newest_one_in_one_request()
    {
        await using var line = await OutboundHarness.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-10));
        line.Fake.Clock = clock;
        var since = clock.GetUtcNow().AddSeconds(-1);
        for (var i = 0; i < 30; i++)
        {
            line.Fake.AddMessage(OutboundHarness.LineNumber, OutboundHarness.TexterNumber, $"Earlier text {i}.", status: "delivered", direction: "outbound-api");
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        var sent = line.Fake.AddMessage(OutboundHarness.LineNumber, OutboundHarness.TexterNumber, Body, status: "delivered", direction: "outbound-api");
        var before = line.Fake.Count("GET");

        var found = await line.Messages.FindSentAsync(OutboundHarness.TexterNumber, Body, since, default);

        Assert.Null(found.Error);
        Assert.Equal([sent.Sid], found.Sids);
        Assert.Equal(before + 1, line.Fake.Count("GET"));
    }

    [Fact]
    public async Task A_text_older_than_the_newest_page_is_not_looked_for_on_a_second_page()
    {
        await using var line = await OutboundHarness.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-10));
        line.Fake.Clock = clock;
        var since = clock.GetUtcNow().AddSeconds(-1);
        line.Fake.AddMessage(OutboundHarness.LineNumber, OutboundHarness.TexterNumber, Body, status: "delivered", direction: "outbound-api");
        for (var i = 0; i < TwilioMessages.LookBackMessages; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            line.Fake.AddMessage(OutboundHarness.LineNumber, OutboundHarness.TexterNumber, $"Later text {i}.", status: "delivered", direction: "outbound-api");
        }
        var before = line.Fake.Count("GET");

        var found = await line.Messages.FindSentAsync(OutboundHarness.TexterNumber, Body, since, default);

        Assert.Null(found.Error);
        Assert.Empty(found.Sids);
        Assert.Equal(before + 1, line.Fake.Count("GET"));
        var page = line.Fake.Requests[^1];
        Assert.Equal(200, page.Status);
        Assert.DoesNotContain("Page=1", page.Path);
    }

    [Fact]
    public async Task A_provider_without_the_list_answers_with_an_error_not_an_empty_list()
    {
        await using var line = await OutboundHarness.StartAsync();
        line.Fake.ListUnsupported = true;

        var found = await line.Messages.FindSentAsync(OutboundHarness.TexterNumber, Body, DateTimeOffset.UtcNow, default);

        Assert.Equal(TwilioErrorKind.NotFound, found.Error!.Kind);
        Assert.Empty(found.Sids);
    }

    [Fact]
    public async Task A_look_up_logs_neither_the_number_nor_the_words()
    {
        await using var line = await OutboundHarness.StartAsync();
        line.Fake.ServerErrors(10, status: 503);

        var found = await line.Messages.FindSentAsync(OutboundHarness.TexterNumber, Body, DateTimeOffset.UtcNow, default);

        Assert.Equal(TwilioErrorKind.RetryLater, found.Error!.Kind);
        Assert.NotEmpty(line.Logs.Lines);
        Assert.DoesNotContain(line.Logs.Lines, l => l.Contains("4155550123") || l.Contains("Checking in"));
    }

    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
