using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WestmontTextLine.Health;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>Every message of a conversation, inbound and outbound, is deleted at the provider once final and DeleteAfter has passed.</summary>
public sealed class ProviderDeletionTests
{
    private static readonly TimeSpan DeleteAfter = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task On_sqlite_every_inbound_and_outbound_message_is_deleted_after_delete_after_and_not_before()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        await AssertConversationDeletedAsync(factory, fake);
    }

    [Fact]
    public async Task On_redis_every_inbound_and_outbound_message_is_deleted_after_delete_after()
    {
        using var redis = RedisServer.Start();
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new RedisTextLineFactory(redis.ConnectionString).WithProvider(fake);
        await AssertConversationDeletedAsync(factory, fake);
    }

    private static async Task AssertConversationDeletedAsync(TextLineFactory factory, FakeTwilioApi fake)
    {
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        var sids = new List<string>();
        foreach (var body in new[] { "hi", "3", "1" })
        {
            var (inbound, reply) = await ProviderTextLine.TextAndDeliverAsync(twilio, fake, body);
            sids.Add(inbound);
            sids.Add(reply!);
        }

        factory.Clock.Advance(DeleteAfter - TimeSpan.FromSeconds(10));
        await RunPassesAsync(factory);
        Assert.Empty(fake.DeletedSids);

        factory.Clock.Advance(TimeSpan.FromSeconds(15));
        await Eventually.AfterPassesAsync(() => RunPassesAsync(factory), () => fake.DeletedSids.Count == sids.Count, "every message deleted");
        Assert.Equal(sids.Order(), fake.DeletedSids.Order());
        // The provider sees the last DELETE a moment before the worker that sent it marks it done. Under a loaded host a
        // store call of that worker can fail after the provider deleted (the item then falls due again when its lease ends,
        // and its second DELETE finds it gone), so the queue is watched drain as the line's own passes would drain it,
        // a lease at a time: nothing may stay waiting for good.
        var deletions = factory.Services.GetRequiredService<ProviderDeletions>();
        long waiting = -1;
        await Eventually.AfterPassesAsync(async () =>
        {
            waiting = await deletions.WaitingAsync();
            if (waiting == 0) return;
            factory.Clock.Advance(ProviderDeletionWorker.Lease);
            await RunPassesAsync(factory);
        }, () => waiting == 0, "nothing left waiting");
    }

    [Fact]
    public async Task One_pass_deletes_everything_due_not_only_its_first_hundred_of_each_queue()
    {
        // A soak at 200 texts a second: each 5-second pass took 100 answered texts and 100 queued replies, 40 a second
        // in all, so the backlog (work_log, scheduled_work) grew without end and texts stayed at Twilio for hours.
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        factory.CreateClient();
        var deletions = factory.Services.GetRequiredService<ProviderDeletions>();
        const int Answered = 450, Delivered = 350;
        for (var i = 0; i < Answered; i++) await deletions.InboundAnsweredAsync($"SM{i:x32}");
        for (var i = 0; i < Delivered; i++) await deletions.MessageReportedAsync($"SM{Answered + i:x32}", "delivered");
        Assert.Equal(Answered + Delivered, await deletions.WaitingAsync());

        factory.Clock.Advance(DeleteAfter + TimeSpan.FromSeconds(5));
        await RunPassesAsync(factory);

        // The worker's own timer may run a pass beside this one (the clock moved): either way nothing is left after
        // two passes, where one took at most 200.
        await Eventually.TrueAsync(async () => await deletions.WaitingAsync() == 0, "every due deletion done");
        Assert.Equal(Answered + Delivered, fake.Count("DELETE"));
    }

    [Fact]
    public async Task A_pass_has_sixteen_deletions_in_flight_at_once_so_a_busy_night_keeps_up_at_twilios_speed()
    {
        // The soak pass, on Redis, against a provider answering in 150 ms as Twilio does: 27 texts a second need about
        // 57 deletions a second, and four at a time did 26; the overdue deletions grew by about 1,800 a minute, so every
        // text stayed at Twilio longer than Twilio:DeleteAfter, more so each hour.
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        factory.CreateClient();
        var deletions = factory.Services.GetRequiredService<ProviderDeletions>();
        const int Due = 40;
        for (var i = 0; i < Due; i++) await deletions.InboundAnsweredAsync($"SM{i:x32}");
        fake.HangNext();

        factory.Clock.Advance(DeleteAfter + TimeSpan.FromSeconds(5));
        var pass = RunPassesAsync(factory);
        try
        {
            await Eventually.TrueAsync(() => fake.HungNow >= 16, "16 deletions waiting on the provider at once");
        }
        finally
        {
            fake.ReleaseHung();
        }
        await pass;

        await Eventually.TrueAsync(async () => await deletions.WaitingAsync() == 0, "every due deletion done");
        Assert.Equal(Due, fake.Count("DELETE"));
    }

    [Fact]
    public async Task Not_final_yet_and_throttled_deletes_are_tried_again_until_they_succeed()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        var (inbound, reply) = await ProviderTextLine.TextAndDeliverAsync(twilio, fake, "hi");
        fake.DeleteNotFinalYet(inbound, times: 2);
        fake.TooManyRequests(1, TimeSpan.FromSeconds(30));

        factory.Clock.Advance(DeleteAfter + TimeSpan.FromSeconds(5));
        await Eventually.AfterPassesAsync(async () =>
        {
            await RunPassesAsync(factory);
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }, () => fake.DeletedSids.Count == 2, "both messages deleted");
        Assert.Contains(fake.Requests, r => r.Method == "DELETE" && r.ErrorCode == 20009);
        Assert.Contains(fake.Requests, r => r.Method == "DELETE" && r.Status == 429);
        Assert.Equal(new[] { inbound, reply! }.Order(), fake.DeletedSids.Order());
    }

    [Fact]
    public async Task A_deletion_queued_before_a_crash_is_done_by_the_next_process_over_the_same_store()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-deletion-{Guid.NewGuid():N}.db");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        try
        {
            string inbound, reply;
            await using (var first = new TextLineFactory { DatabasePath = database, KeepDatabase = true }.WithProvider(fake))
            {
                (inbound, var sent) = await ProviderTextLine.TextAndDeliverAsync(first.CreateTwilioClient(TestNumbers.Next()), fake, "hi");
                reply = sent!;
            }
            Assert.Empty(fake.DeletedSids);

            await using var second = new TextLineFactory { DatabasePath = database }.WithProvider(fake);
            second.CreateClient();
            second.Clock.Advance(DeleteAfter + TimeSpan.FromSeconds(5));

            await Eventually.AfterPassesAsync(() => RunPassesAsync(second), () => fake.DeletedSids.Count == 2, "the queued deletions done after the restart");
            Assert.Equal(new[] { inbound, reply }.Order(), fake.DeletedSids.Order());
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    [Fact]
    public async Task Two_instances_on_one_redis_never_delete_the_same_message_twice()
    {
        using var redis = RedisServer.Start();
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var one = new RedisTextLineFactory(redis.ConnectionString).WithProvider(fake);
        await using var two = new RedisTextLineFactory(redis.ConnectionString).WithProvider(fake);
        var expected = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var (inbound, reply) = await ProviderTextLine.TextAndDeliverAsync((i % 2 == 0 ? one : two).CreateTwilioClient(TestNumbers.Next()), fake, "hi");
            expected.Add(inbound);
            expected.Add(reply!);
        }

        one.Clock.Advance(DeleteAfter + TimeSpan.FromSeconds(5));
        two.Clock.Advance(DeleteAfter + TimeSpan.FromSeconds(5));
        await Eventually.AfterPassesAsync(() => Task.WhenAll(RunPassesAsync(one), RunPassesAsync(two)),
            () => fake.DeletedSids.Count >= expected.Count, "every message deleted");
        Assert.Equal(expected.Order(), fake.DeletedSids.Order());
        var deleteRequests = fake.Requests.Where(r => r.Method == "DELETE").GroupBy(r => r.MessageSid).ToList();
        Assert.All(deleteRequests, group => Assert.Single(group));
    }

    [Fact]
    public async Task Refused_credentials_pause_deletion_keep_the_queue_and_say_so_in_health_and_once_in_the_log()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory { TestServices = WithoutTheStoresHealthCheck }.WithProvider(fake);
        for (var i = 0; i < 3; i++) await ProviderTextLine.TextAndDeliverAsync(factory.CreateTwilioClient(TestNumbers.Next()), fake, "hi");
        fake.RejectCredentials = true;

        factory.Clock.Advance(DeleteAfter + TimeSpan.FromSeconds(5));
        var state = factory.Services.GetRequiredService<ProviderDeletionState>();
        await Eventually.AfterPassesAsync(() => RunPassesAsync(factory), () => state.PausedBecause is not null, "deletion paused");

        var health = await factory.CreateClient().GetAsync("/healthz");
        var text = await health.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("Twilio rejected the credentials for AccountSid AC", text);
        Assert.Contains("provider deletion is paused", text);
        Assert.Equal(6, await factory.Services.GetRequiredService<ProviderDeletions>().WaitingAsync());
        Assert.Single(factory.Logs.Lines, line => line.Contains("provider deletion is paused") && line.StartsWith("Error"));

        fake.RejectCredentials = false;
        factory.Clock.Advance(ProviderDeletionWorker.CredentialsRetry + TimeSpan.FromSeconds(5));
        await Eventually.AfterPassesAsync(() => RunPassesAsync(factory), () => fake.DeletedSids.Count == 6, "the queue deleted once the credentials work");
    }

    /// <summary>
    /// Paused, each 5-second pass still tried the next hundred due: with a thousand waiting (a soak, Redis, a token
    /// rotated), Twilio got about 800 refused DELETEs in 35 seconds. Now one is tried a minute (one from each of its two queues).
    /// </summary>
    [Fact]
    public async Task Refused_credentials_are_asked_about_once_a_minute_not_a_claim_a_pass()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        for (var i = 0; i < 60; i++) await ProviderTextLine.TextAndDeliverAsync(factory.CreateTwilioClient(TestNumbers.Next()), fake, "hi");
        fake.RejectCredentials = true;
        factory.Clock.Advance(DeleteAfter + TimeSpan.FromSeconds(5));

        await RunPassesAsync(factory);
        var refused = fake.Count("DELETE");
        Assert.InRange(refused, 1, ProviderDeletionWorker.AtOnce);
        factory.Clock.Advance(ProviderDeletionWorker.PassInterval);
        await RunPassesAsync(factory);
        Assert.Equal(refused, fake.Count("DELETE"));
        // Texts answered meanwhile fall due for deletion: one of them is tried, once the minute is up.
        fake.RejectCredentials = false;
        for (var i = 0; i < 5; i++) await ProviderTextLine.TextAndDeliverAsync(factory.CreateTwilioClient(TestNumbers.Next()), fake, "hi");
        fake.RejectCredentials = true;
        factory.Clock.Advance(DeleteAfter + TimeSpan.FromSeconds(5));
        await RunPassesAsync(factory);
        // One claimed from each of the two queues (the answered texts' log and the queue of the rest), not all ten.
        Assert.InRange(fake.Count("DELETE"), refused + 1, refused + 2);

        // Working again: the next probe lets the whole queue go.
        fake.RejectCredentials = false;
        factory.Clock.Advance(ProviderDeletionWorker.CredentialsRetry);
        await Eventually.AfterPassesAsync(() => RunPassesAsync(factory), () => fake.DeletedSids.Count == 130, "the queue deleted once the credentials work");
    }

    [Fact]
    public async Task Without_an_account_no_reply_carries_a_status_callback_and_nothing_is_queued()
    {
        await using var factory = new TextLineFactory();
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());

        var response = await twilio.PostAsync(twilio.Fields("hi", twilio.NextSid()));

        Assert.DoesNotContain("action=", await response.Content.ReadAsStringAsync());
        Assert.False(factory.Services.GetRequiredService<ProviderDeletions>().Enabled);
        Assert.Contains("Provider deletion and outbound texts are off", await (await factory.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync());
    }

    /// <summary>
    /// /healthz without the store's check, which gives up after 2 s of real time: under load its ping ran past that and
    /// /healthz answered 503, where the test is about the provider's part (Degraded, so still 200).
    /// </summary>
    private static void WithoutTheStoresHealthCheck(IServiceCollection services) =>
        services.Configure<HealthCheckServiceOptions>(options =>
            options.Registrations.Remove(options.Registrations.Single(registration => registration.Name == StorageHealthCheck.Name)));

    /// <summary>Runs one deletion pass now, beside the worker's own timer.</summary>
    private static Task RunPassesAsync(TextLineFactory factory) =>
        factory.Services.GetRequiredService<ProviderDeletionWorker>().RunPassAsync(CancellationToken.None);
}
