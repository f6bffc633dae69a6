using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.Console.Accounts;
using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Privacy;

/// <summary>
/// A store written under the old encryption key, which the test lines derive from their privacy key (TextLine:EncryptionKey
/// empty): a texter whose safety contact agreed and whose check-in runs, another in a conversation with staff whose
/// reply is still queued, and a staff account with an authenticator key and recovery codes. Then what must hold once
/// the line runs on the new key alone: the check-in fires and alerts the contact, the conversation reads and takes
/// texts, the queued reply goes out, the second factor works.
/// </summary>
public sealed class KeyChangeStory
{
    public const string OldKey = "test-privacy-key";
    public const string NewKey = "a-new-encryption-key-0123456789";
    public const string Texter = "+16305558901";
    public const string Contact = "+16305558902";
    public const string ContactName = "Rosalind";
    public const string Talker = "+16305558903";
    public const string TalkerWords = "quokka-marker-77 they took my papers";
    public const string StaffReply = "Hi, this is Ana. wombat-marker-31";
    public const string StaffName = "rosa";
    private const string Password = "a long enough password 4417";

    /// <summary>What nothing printed or logged may contain.</summary>
    public static readonly string[] Personal = ["6305558901", "6305558902", "6305558903", "555-8902", ContactName, "quokka-marker", "wombat-marker"];

    public required string ConversationId { get; init; }
    public required string AuthenticatorKey { get; init; }
    public required string RecoveryCode { get; init; }

    public static async Task<KeyChangeStory> WriteAsync(TextLineFactory factory, FakeTwilioApi fake)
    {
        await using var line = await HandoffLine.StartAsync(factory, fake: fake);
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync($"BUDDY 630-555-8902 {ContactName}");
        await PassesAsync(line);
        Assert.Equal(HandoffLine.English.BuddyThanks, await line.Phone(Contact).TextAsync("YES"));
        await PassesAsync(line);
        Assert.StartsWith("OK. I will text you at 10:30 AM.", await texter.TextAsync("check on me in 30 min"));

        var talker = line.Phone(Talker);
        Assert.Equal(HandoffLine.English.HandoffOpen, await talker.TextAsync("TALK"));
        await talker.TextAsync(TalkerWords);
        var id = (await line.OnlyOpenAsync()).Id;
        await line.Inbox.ClaimAsync(id, HandoffLine.Staff);
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(id, HandoffLine.Staff, StaffReply));
        // The line stops before its outbox sends the reply: it stays queued, encrypted.

        var users = line.Factory.Services.Users();
        var user = new StaffUser(StaffName, StaffRoles.Staff);
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.ResetAuthenticatorKeyAsync(user);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 2))!.ToList();
        return new KeyChangeStory
        {
            ConversationId = id,
            AuthenticatorKey = (await users.GetAuthenticatorKeyAsync(user))!,
            RecoveryCode = codes[0],
        };
    }

    /// <summary>On a line started on the rekeyed store: everything written under the old key is read and answered.</summary>
    public async Task AssertAnsweredAsync(HandoffLine line)
    {
        var messages = await line.Inbox.MessagesAsync(ConversationId);
        Assert.Contains(messages, m => m.Body == TalkerWords);
        await PassesAsync(line);
        Assert.Equal([StaffReply], line.SentTo(Talker));
        var reply = await line.Phone(Talker).TextAsync("thank you");
        Assert.False(FallbackReply.IsFallback(reply), reply);
        Assert.Contains(await line.Inbox.MessagesAsync(ConversationId), m => m.Body == "thank you");

        var users = line.Factory.Services.Users();
        var user = (await users.FindByNameAsync(StaffName))!;
        Assert.Equal(AuthenticatorKey, await users.GetAuthenticatorKeyAsync(user));
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(user, RecoveryCode)).Succeeded);

        // The check-in was due at 10:30 AM; her contact is alerted once its grace has passed.
        line.Factory.Clock.Advance(TimeSpan.FromMinutes(31));
        await PassesAsync(line);
        Assert.Equal(HandoffLine.English.CheckInDue, line.SentTo(Texter)[^1]);
        line.Factory.Clock.Advance(TimeSpan.FromMinutes(11));
        await PassesAsync(line);
        Assert.Contains("has not checked in since 10:30 AM", line.SentTo(Contact)[^1]);
        Assert.False(FallbackReply.IsFallback(await line.Phone(Texter).TextAsync("OK")));
    }

    /// <summary>The line on the new key alone, on the same store and fake provider, at the time the story was written.</summary>
    public static Task<HandoffLine> StartOnNewKeyAsync(TextLineFactory factory, FakeTwilioApi fake)
    {
        factory.Settings["TextLine:EncryptionKey"] = NewKey;
        return HandoffLine.StartAsync(factory, fake: fake, onShift: false);
    }

    private static async Task PassesAsync(HandoffLine line)
    {
        await line.Factory.Services.GetRequiredService<CheckInWorker>().RunPassAsync(CancellationToken.None);
        await line.PassesAsync();
    }
}
