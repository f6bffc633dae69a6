using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Tests.Console.Inbox;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Audit;

/// <summary>
/// A complaint arrives in March about a chat in November. In between, the line wrote 12,000 other lines and was
/// restarted. The administrator narrows the Audit page to that conversation's id, or to the day, and finds who
/// claimed, read and deleted it, and the deleter's lines under her name after her account was removed. A year and a
/// month on (Console:AuditKeepFor, 400 days) those lines are gone, and younger ones kept. On SQLite and on Redis.
/// Before, the log kept its newest 10,000 entries whatever their age, and the page could not be narrowed to one
/// conversation or to days: the November lines were gone by March.
/// </summary>
public sealed class AuditYearTests
{
    private static readonly DateTimeOffset March = new(2027, 3, 15, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Redis")]
    public async Task A_novembers_chat_is_found_by_its_id_or_its_day_in_march_after_a_busy_winter_and_a_restart(string store)
    {
        using var redis = store == "Redis" ? RedisServer.Start() : null;
        await using var fake = await ProviderTextLine.StartFakeAsync();
        TextLineFactory Line(string? databasePath = null) => (redis is null
            ? databasePath is null ? new TextLineFactory { KeepDatabase = true } : new TextLineFactory { DatabasePath = databasePath }
            : new RedisTextLineFactory(redis.ConnectionString)).Staffed(fake);

        var november = Line();
        string id;
        string secret;
        try
        {
            using var ana = await november.SignedInAsync("ana", StaffRoles.Admin);
            using var alice = await november.SignedInAsync("alice");
            using var mallory = await november.SignedInAsync("mallory");
            secret = ana.Secret!;
            await alice.GoOnShiftAsync();
            (_, id) = await november.TalkAsync(november.CreateTwilioClient(TestNumbers.Next()));
            using (await alice.PostFormAsync($"/Inbox/{id}", [], handler: "Claim")) { }
            await mallory.GetPageAsync($"/Inbox/{id}");
            using (await mallory.PostFormAsync($"/Inbox/{id}", [new("confirm", "true")], handler: "Delete")) { }
            using (await ana.PostFormAsync("/Admin/Staff", [new("name", "mallory")], handler: "Remove")) { }

            // A busy winter: 12,000 lines from Nov 27 to Mar 10, as shifts and sign-ins write them.
            var log = november.Services.GetRequiredService<IAuditLog>();
            var winterStart = new DateTimeOffset(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 12_000; i++)
            {
                await log.AppendAsync(new AuditEntry(winterStart.AddMinutes(12 * i), "alice", i % 2 == 0 ? ConsoleAuditActions.ShiftOn : ConsoleAuditActions.ShiftOff, ""));
            }
        }
        finally
        {
            november.Dispose();
        }

        using var restarted = Line(november.DatabasePath);
        restarted.Clock.SetUtcNow(March);
        await restarted.Services.GetRequiredService<AuditRetentionWorker>().SweepAsync(CancellationToken.None);
        using var admin = ConsoleClient.For(restarted);
        using (await admin.SignInAsync("ana", ConsoleAccounts.Password, secret)) { }

        var byId = await admin.GetPageAsync($"/Admin/Audit?about={id[..8]}");
        Assert.Contains("Entries 1 to 3 of 3 that match", byId);
        foreach (var action in new[] { "inbox.claimed", "inbox.read", "inbox.deleted" }) Assert.Contains(action, byId);
        Assert.DoesNotContain("shift.on", byId);

        var byDay = await admin.GetPageAsync("/Admin/Audit?from=2026-11-26&to=2026-11-26");
        Assert.Contains($"conversation {id}", byDay);
        Assert.Contains("staff.removed", byDay);
        Assert.DoesNotContain("2026-11-27 ", byDay);
        Assert.DoesNotContain("2027-", byDay);

        // Her account is gone; what she did still reads under her name, and what was done to her account too.
        var hers = await admin.GetPageAsync("/Admin/Audit?who=mallory&what=inbox");
        Assert.Contains("Entries 1 to 2 of 2 that match", hers);
        var toHer = await admin.GetPageAsync("/Admin/Audit?about=mallory&what=staff");
        Assert.Contains("staff.added", toHer);
        Assert.Contains("staff.removed", toHer);

        // 400 days after November 28th, the lines before it go; the winter's after it and March's stay.
        var cutoff = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        restarted.Clock.SetUtcNow(cutoff + ConsoleOptions.DefaultAuditKeepFor);
        await restarted.Services.GetRequiredService<AuditRetentionWorker>().SweepAsync(CancellationToken.None);
        var log2 = restarted.Services.GetRequiredService<IAuditLog>();
        var left = new List<AuditEntry>();
        await foreach (var entry in log2.ReadAllAsync()) left.Add(entry);
        Assert.DoesNotContain(left, entry => entry.Target.Contains(id, StringComparison.Ordinal));
        Assert.All(left, entry => Assert.True(entry.Time >= cutoff, $"{entry.Time} kept"));
        Assert.Contains(left, entry => entry.Time == cutoff);
        Assert.Contains(left, entry => entry.Time >= March);
    }
}
