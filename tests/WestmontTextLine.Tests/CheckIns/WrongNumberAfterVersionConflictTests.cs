using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A contact's "wrong number" to her request, with their session saved by someone else between its load and its save:
/// the line runs the text again on the fresh session. Its first run took the number off her plan (and cleared the
/// language the record knew); the second must know that text as its own, not as one from a number no plan names (the
/// menu's answer): the number is told, in the language it was asked in, that it gets no more texts for her, and she is
/// told once.
/// </summary>
public sealed class WrongNumberAfterVersionConflictTests
{
    [Theory]
    [InlineData(false, "en")]
    [InlineData(true, "en")]
    [InlineData(false, "es")]
    [InlineData(true, "es")]
    public async Task A_wrong_number_run_again_after_a_version_conflict_is_acknowledged_in_its_language_and_told_to_her_once(
        bool onRedis, string language)
    {
        var messages = EngineHarness.Flow.Language(language).Messages;
        var (hello, buddy, question, wrongNumber) = language == "es"
            ? ("hola", "CONTACTO", "quien es", "numero equivocado")
            : ("hi", "BUDDY", "who is this", "wrong number");
        await using var conflicts = await VersionConflictLine.StartAsync(onRedis);
        var line = conflicts.Line;
        var texterNumber = TestNumbers.Next();
        var contactNumber = TestNumbers.Next();
        var texter = line.Phone(texterNumber);
        var contact = line.Phone(contactNumber);
        await texter.TextAsync(hello);
        await texter.TextAsync($"{buddy} {contactNumber} Ana");
        await line.PassesAsync();
        Assert.Equal(messages.BuddyRequestReminder, await contact.TextAsync(question));

        conflicts.Sessions.BeatNextSaves(1);
        Assert.Equal(messages.BuddyWrongNumberAck, await contact.TextAsync(wrongNumber));

        await line.PassesAsync();
        Assert.Equal([messages.BuddyLeft], line.SentTo(texterNumber));
        Assert.NotEqual(messages.BuddyWrongNumberAck, await contact.TextAsync(wrongNumber));
    }

    // Its run again found no request open and took the number as wrong for every plan still naming it: another texter,
    // whom the number knows and agreed for, lost her contact and was told so.
    [Fact]
    public async Task A_wrong_number_run_again_stays_the_contact_of_another_texter_who_knows_them()
    {
        var english = EngineHarness.Flow.Language("en").Messages;
        await using var conflicts = await VersionConflictLine.StartAsync();
        var line = conflicts.Line;
        var (otherNumber, texterNumber, contactNumber) = (TestNumbers.Next(), TestNumbers.Next(), TestNumbers.Next());
        var other = line.Phone(otherNumber);
        var contact = line.Phone(contactNumber);
        await other.TextAsync("hi");
        await other.TextAsync($"BUDDY {contactNumber} Rosa");
        await line.PassesAsync();
        Assert.Equal(english.BuddyThanks, await contact.TextAsync("YES"));
        await line.Phone(texterNumber).TextAsync("hi");
        await line.Phone(texterNumber).TextAsync($"BUDDY {contactNumber} Ana");
        await line.PassesAsync();

        conflicts.Sessions.BeatNextSaves(1);
        Assert.Equal(english.BuddyWrongNumberAck, await contact.TextAsync("i dont know her"));

        await line.PassesAsync();
        Assert.Equal([english.BuddyLeft], line.SentTo(texterNumber));
        Assert.Equal([english.BuddyAgreed], line.SentTo(otherNumber));
        Assert.Equal(english.CodeWordSet, await other.TextAsync("CODEWORD mango"));
    }
}
