using WestmontTextLine.Tests.Handoff;

namespace WestmontTextLine.Tests.Interplay;

/// <summary>
/// Her safety contact is a texter of the line too, and is in a chat with staff. A "no" or "yes" there answers the staff
/// member who asked something, not a request to be a safety contact: a NO from a contact is for good, and tells her
/// "Your safety contact said no".
/// </summary>
public sealed class ContactInAChatTests
{
    private const string Bea = "+16305558511";
    private const string Worker = "+16305558512";

    [Fact]
    public async Task A_no_to_staff_from_her_agreed_contact_stays_in_the_chat_and_her_contact_stays_hers()
    {
        await using var line = await HandoffLine.StartAsync();
        var bea = line.Phone(Bea);
        var worker = line.Phone(Worker);
        await bea.TextAsync("hi");
        await bea.TextAsync("BUDDY 630-555-8512 Bea");
        await line.PassesAsync();
        Assert.Equal(HandoffLine.English.BuddyThanks, await worker.TextAsync("YES"));
        Assert.Equal(HandoffLine.English.CodeWordSet, await bea.TextAsync("CODEWORD mango"));

        Assert.Equal(HandoffLine.English.HandoffOpen, await worker.TextAsync("TALK"));
        var id = (await line.OnlyOpenAsync()).Id;
        await line.Inbox.ClaimAsync(id, HandoffLine.Staff);
        await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hi, this is Ana. Do you need a ride?");
        await line.PassesAsync();

        Assert.Null(await worker.TextAsync("no"));
        await line.PassesAsync();
        Assert.Equal("no", (await line.Inbox.MessagesAsync(id))[^1].Body);
        Assert.DoesNotContain(HandoffLine.English.BuddyDeclined, line.SentTo(Bea));
        Assert.DoesNotContain(HandoffLine.English.BuddyLeft, line.SentTo(Bea)); // what a NO from an agreed contact now tells her

        // Her code word still reaches him.
        var before = line.SentTo(Worker).Count;
        Assert.Equal(HandoffLine.English.CodeWordAck, await bea.TextAsync("mango"));
        await line.PassesAsync();
        Assert.StartsWith("Westmont Text Line: Bea sent their code word", line.SentTo(Worker).Skip(before).Single());
    }

    [Fact]
    public async Task A_yes_or_no_to_staff_from_someone_asked_to_be_a_contact_leaves_the_request_open_for_after_the_chat()
    {
        await using var line = await HandoffLine.StartAsync();
        var bea = line.Phone(Bea);
        var worker = line.Phone(Worker);
        await worker.TextAsync("hi");
        Assert.Equal(HandoffLine.English.HandoffOpen, await worker.TextAsync("TALK"));
        var id = (await line.OnlyOpenAsync()).Id;

        await bea.TextAsync("hi");
        await bea.TextAsync("BUDDY 630-555-8512 Bea");
        await line.PassesAsync();
        await line.Inbox.ClaimAsync(id, HandoffLine.Staff);
        await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hi, this is Ana. Is it OK if I ask a few questions?");
        await line.PassesAsync();

        Assert.Null(await worker.TextAsync("yes"));
        Assert.Null(await worker.TextAsync("no"));
        await line.PassesAsync();
        Assert.Equal(["yes", "no"], (await line.Inbox.MessagesAsync(id)).TakeLast(2).Select(m => m.Body));
        Assert.Empty(line.SentTo(Bea));

        // Out of the chat, the request is still his to answer.
        await worker.TextAsync("MENU");
        Assert.Equal(HandoffLine.English.BuddyThanks, await worker.TextAsync("YES"));
        await line.PassesAsync();
        Assert.Equal([HandoffLine.English.BuddyAgreed], line.SentTo(Bea));
    }
}
