using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>
/// A volunteer who does what she may but should not: the audit log is what shows it, with who, when and which
/// conversation (never a texter's number, pseudonym or words).
/// </summary>
public sealed class InboxAuditTrailTests
{
    [Fact]
    public async Task Deleting_a_colleagues_open_conversation_is_audited_as_open_and_held_by_the_colleague()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var mallory = await factory.SignedInAsync("mallory");
        await alice.GoOnShiftAsync();
        var number = TestNumbers.Next();
        var (_, held) = await factory.TalkAsync(factory.CreateTwilioClient(number));
        using (await alice.PostFormAsync($"/Inbox/{held}", [], handler: "Claim")) { }
        var (_, unclaimed) = await factory.TalkAsync(factory.CreateTwilioClient(TestNumbers.Next()));

        foreach (var id in new[] { held, unclaimed })
        {
            using var deleted = await mallory.PostFormAsync($"/Inbox/{id}", [new("confirm", "true")], handler: "Delete");
            Assert.Equal(ConsoleClient.Url("/Inbox"), ConsoleClient.Where(deleted));
        }

        // Before, both lines read "mallory inbox.deleted conversation ...", as for a closed conversation of her own.
        var deletions = (await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100))
            .Where(entry => entry.Action == ConsoleAuditActions.ConversationDeleted).Reverse().Select(entry => $"{entry.Actor} {entry.Target}");
        Assert.Equal([$"mallory conversation {held} (open, held by alice)", $"mallory conversation {unclaimed} (open, unclaimed)"], deletions);
        using var gone = await alice.GetAsync($"/Inbox/{held}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
