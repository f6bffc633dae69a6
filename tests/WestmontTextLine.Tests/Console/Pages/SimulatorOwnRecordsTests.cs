using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Hosting;
using WestmontTextLine.Records;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Console.Inbox;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Pages;

/// <summary>
/// The simulator keeps its texter's safety plan in records of its own. Its lost-contact check (a contact whose alert
/// failed for good, told to her as she starts a new conversation) came from the line's own services instead, and read
/// the line's safety plans for the simulated texter.
/// </summary>
public sealed class SimulatorOwnRecordsTests
{
    private sealed class PlanReads(IPrivateRecords inner) : ForwardingPrivateRecords(inner)
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);

        public override Task<PrivateRecord?> GetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            if (kind == SafetyPlans.PlanKind) Interlocked.Increment(ref _count);
            return base.GetAsync(kind, key, now, cancellationToken);
        }
    }

    [Fact]
    public async Task A_simulated_conversation_reads_no_safety_plan_of_the_line()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        PlanReads? reads = null;
        using var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton<IPrivateRecords>(provider =>
                reads = new PlanReads(new SqlitePrivateRecords(provider.GetRequiredService<SqliteWriter>()))),
        }.Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        // The line's start-up warm-up sends a first text of its own through the line's services, plan look-up included.
        await factory.Services.GetRequiredService<SmsEndpointWarmup>().Completion;
        Assert.NotNull(reads);
        var readsBefore = reads.Count;

        await SimulateAsync(alice, "Text", "hi");
        await SimulateAsync(alice, "Text", "CHECK 45");
        await SimulateAsync(alice, "Text", "OK");
        await SimulateAsync(alice, "AdvanceClock"); // past the 30-minute session
        await SimulateAsync(alice, "Text", "hi"); // a new conversation from a texter the simulator knew

        Assert.Equal(readsBefore, reads.Count);
    }

    // Its safety contact's request, its code word's alert and its FORGET used the line's own limits and queue: marks
    // (asked a contact today, alerted by code word) went into the line's records, and FORGET queued a withdrawal in the
    // line's outbox queue, for a texter who exists nowhere but on the page.
    [Fact]
    public async Task A_simulated_contact_request_code_word_and_forget_leave_the_line_s_records_and_queue_as_they_were()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        factory.Settings["CheckIn:StaffNumber"] = "(630) 555-7000"; // the on-call phone, which a code word alerts
        using var alice = await factory.SignedInAsync("alice");
        var records = factory.Services.GetRequiredService<IPrivateRecords>();
        var work = factory.Services.GetRequiredService<IScheduledWork>();
        var time = factory.Services.GetRequiredService<TimeProvider>();
        var recordsBefore = await RecordIdsAsync(records, time);
        var forgetsBefore = await work.CountAsync(WorkKinds.Forget);

        foreach (var text in new[] { "hi", "BUDDY 630-555-0142 Ana", "CODEWORD luna", "luna", "FORGET" })
            await SimulateAsync(alice, "Text", text);

        Assert.Equal(recordsBefore, await RecordIdsAsync(records, time));
        Assert.Equal(forgetsBefore, await work.CountAsync(WorkKinds.Forget));
    }

    private static async Task<List<PrivateRecordId>> RecordIdsAsync(IPrivateRecords records, TimeProvider time)
    {
        var ids = new List<PrivateRecordId>();
        await foreach (var id in records.ListAsync(time.GetUtcNow())) ids.Add(id);
        return [.. ids.OrderBy(id => id.Kind, StringComparer.Ordinal).ThenBy(id => id.Key, StringComparer.Ordinal)];
    }

    private static async Task SimulateAsync(ConsoleClient staff, string handler, string? body = null)
    {
        using var sent = await staff.PostFormAsync("/Simulator", body is null ? [] : [new("Body", body)], handler: handler);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
    }
}
