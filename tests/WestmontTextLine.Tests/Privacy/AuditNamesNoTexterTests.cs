using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Privacy;

/// <summary>
/// The audit log keeps the newest 10,000 staff actions, long after FORGET deleted her conversations. It named each by
/// her pseudonym ("Texter 3F2A": 4 characters of her keyed hash), so whoever held the privacy key could hash a number
/// and find that she had talked with staff, and when: one pseudonym in 65,536 matches by chance. A conversation's id
/// is random, and links to nothing once the conversation is deleted.
/// </summary>
public class AuditNamesNoTexterTests
{
    [Fact]
    public async Task Staff_actions_on_a_conversation_are_audited_by_its_id_alone()
    {
        await using var line = await HandoffLine.StartAsync();
        var number = TestNumbers.Next();
        await line.Phone(number).TextAsync("TALK");
        var conversation = await line.OnlyOpenAsync();

        await line.Factory.Services.GetRequiredService<InboxActions>().CloseAsync(conversation, HandoffLine.Staff, CancellationToken.None);

        var audit = await line.Factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        var closed = Assert.Single(audit, entry => entry.Action == ConsoleAuditActions.ConversationClosed);
        Assert.Equal($"conversation {conversation.Id}", closed.Target);
        Assert.DoesNotContain(audit, entry => entry.Target.Contains(line.PseudonymOf(number), StringComparison.Ordinal));
    }
}
