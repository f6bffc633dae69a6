using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Flows;
using WestmontTextLine.Privacy;
using WestmontTextLine.Records;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A contact who said NO or STOP leaves only the fact that they said no: once every texter was told and their answer
/// can no longer be run again, the stored record of their number (decrypted as the line reads it) holds nothing but the
/// declined mark, and the number is still never asked again. Their record once kept, for good, who asked, the
/// request times, the MessageSid and language of their answer and how many plans it left.
/// </summary>
public sealed class DeclinedContactRecordTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData("NO", false)]
    [InlineData("STOP", false)]
    [InlineData("NO", true)]
    [InlineData("STOP", true)]
    public async Task A_declined_contact_leaves_only_the_declined_mark_and_is_never_asked_again(string answer, bool onRedis)
    {
        using var redis = onRedis ? RedisServer.Start() : null;
        await using var line = await CheckInLine.StartOnAsync(redis);
        var (texterNumber, contactNumber) = await line.AskedAsync();
        await line.Phone(contactNumber).TextAsync(answer);
        await line.PassesAsync();
        Assert.Single(line.SentTo(texterNumber)); // she was told

        await line.AdvanceAsync(SafetyPlans.DeclinedAnswerKeptFor + TimeSpan.FromMinutes(1));

        AssertOnlyDeclinedIsStored(await StoredAsync(line, contactNumber));
        Assert.True((await ContactAsync(line, contactNumber))?.Declined);
        var textsToContact = line.SentTo(contactNumber).Count;
        Assert.Equal(English.BuddyNotAsked, await line.Phone(TestNumbers.Next()).TextAsync($"BUDDY {contactNumber} Rosa"));
        await line.PassesAsync();
        Assert.Equal(textsToContact, line.SentTo(contactNumber).Count);
    }

    [Fact]
    public async Task A_declined_contacts_NO_sent_again_within_a_day_is_answered_as_the_first_was()
    {
        await using var line = await CheckInLine.StartAsync();
        var (texterNumber, contactNumber) = await line.AskedAsync();
        var contact = line.Phone(contactNumber);
        var sid = contact.NextSid();
        Assert.Equal(English.BuddyDeclineAck, await contact.TextAsync("NO", sid));
        await line.PassesAsync();

        await line.AdvanceAsync(SafetyPlans.DeclinedAnswerKeptFor - TimeSpan.FromHours(1));
        Assert.Equal(sid, (await StoredAsync(line, contactNumber))?.AnsweredByText);
        Assert.Equal([English.BuddyDeclined], line.SentTo(texterNumber));
    }

    [Fact]
    public async Task A_declined_contacts_FORGET_leaves_only_the_declined_mark_at_once()
    {
        await using var line = await CheckInLine.StartAsync();
        var (_, contactNumber) = await line.AskedAsync();
        Assert.Equal(English.BuddyDeclineAck, await line.Phone(contactNumber).TextAsync("NO"));
        await line.PassesAsync();
        await line.Phone(contactNumber).TextAsync("FORGET");
        await line.PassesAsync();

        AssertOnlyDeclinedIsStored(await StoredAsync(line, contactNumber));
        Assert.Equal(English.BuddyNotAsked, await line.Phone(TestNumbers.Next()).TextAsync($"BUDDY {contactNumber}"));
    }

    private static void AssertOnlyDeclinedIsStored(ContactNumberRecord? stored) =>
        Assert.True(stored is null || stored.IsOnlyDeclined, $"kept more than the declined mark: {stored}");

    /// <summary>The contact's record as stored, decrypted; null when none is stored.</summary>
    private static Task<ContactNumberRecord?> StoredAsync(CheckInLine line, string contactNumber)
    {
        var services = line.Factory.Services;
        var encrypted = new EncryptedRecords(
            services.GetRequiredService<IPrivateRecords>(), services.GetRequiredService<PersonalDataCipher>(), line.Factory.Clock);
        return encrypted.LoadAsync(SafetyPlans.ContactKind, services.GetRequiredService<SenderKeys>().KeyOf(contactNumber),
            static () => CheckInJson.Default.ContactNumberRecord, CancellationToken.None);
    }

    private static Task<ContactNumberRecord?> ContactAsync(CheckInLine line, string contactNumber) =>
        line.Factory.Services.GetRequiredService<SafetyPlans>()
            .ContactAsync(line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(contactNumber), CancellationToken.None);
}
