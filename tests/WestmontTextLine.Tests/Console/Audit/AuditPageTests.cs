using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Tests.Console.Inbox;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Audit;

/// <summary>
/// A volunteer deletes a colleague's open conversation, then goes on and off shift 300 times (a script does it in
/// seconds): 600 new lines. The administrator still finds the deletion on the Audit page, with Older entries or by
/// narrowing the page to one person's inbox actions. Before, the page showed the newest 500 entries and no others.
/// </summary>
public sealed class AuditPageTests
{
    [Fact]
    public async Task An_action_buried_under_hundreds_of_newer_lines_is_found_with_older_entries_or_a_filter()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var ana = await factory.SignedInAsync("ana", StaffRoles.Admin);
        using var alice = await factory.SignedInAsync("alice");
        using var mallory = await factory.SignedInAsync("mallory");
        await alice.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(TestNumbers.Next()));
        using (await mallory.PostFormAsync($"/Inbox/{id}", [new("confirm", "true")], handler: "Delete")) { }
        var shifts = factory.Services.GetRequiredService<ShiftSwitch>();
        for (var flip = 0; flip < 300; flip++)
        {
            Assert.True(await shifts.SetAsync("mallory", on: true, CancellationToken.None));
            Assert.True(await shifts.SetAsync("mallory", on: false, CancellationToken.None));
        }
        var deletion = $"conversation {id} (open, unclaimed)";

        var newest = await ana.GetPageAsync("/Admin/Audit");
        Assert.DoesNotContain(deletion, newest);
        Assert.Contains("Entries 1 to 500 of ", newest);
        Assert.Contains("?older=1", newest);
        var older = await ana.GetPageAsync("/Admin/Audit?older=1");
        Assert.Contains(deletion, older);
        Assert.Contains("Newer entries", older);

        var inbox = await ana.GetPageAsync("/Admin/Audit?who=mallory&what=inbox");
        Assert.Contains(deletion, inbox);
        Assert.Contains("Entries 1 to 1 of 1 that match", inbox);
        Assert.DoesNotContain("shift.off", inbox);
        Assert.DoesNotContain("?older=1", inbox);
    }

    [Fact]
    public async Task A_page_past_the_last_shows_the_last_and_the_page_stays_an_administrators()
    {
        using var factory = new TextLineFactory();
        using var ana = await factory.SignedInAsync("ana", StaffRoles.Admin);
        using var alice = await factory.SignedInAsync("alice");

        var page = await ana.GetPageAsync($"/Admin/Audit?older=99&who=alice");
        Assert.Contains("alice", page);
        Assert.Contains("Entries 1 to ", page);
        using var refused = await alice.GetAsync("/Admin/Audit?older=1");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }
}
