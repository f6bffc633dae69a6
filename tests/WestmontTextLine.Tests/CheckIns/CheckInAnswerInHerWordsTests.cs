using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// "Checking in. Reply OK if you are all right." answered as people answer it. "im good", "all good thanks", "ok sure"
/// and "I'm fine" got "Sorry, I did not understand that." and the menu, the timer ran on, and her contact was alerted
/// ten minutes later that she had not checked in, though she had said she was all right (Spanish had such words already).
/// </summary>
public sealed class CheckInAnswerInHerWordsTests
{
    private const string Texter = "+16305558701";
    private const string Contact = "+16305558702";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData("im good")]
    [InlineData("I'm fine!!")]
    [InlineData("all good thanks")]
    [InlineData("Ok sure")]
    [InlineData("yes im ok")]
    [InlineData("ok thank you 🙏")]
    public async Task Her_all_right_in_her_own_words_ends_the_check_in_and_no_one_is_alerted(string answer)
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8702 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");
        await texter.TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Contains(English.CheckInDue, line.SentTo(Texter));

        Assert.Equal(English.CheckInStopped, await texter.TextAsync(answer));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        Assert.Single(line.SentTo(Contact)); // the request only
    }

    [Theory]
    [InlineData("remove buddy")]
    [InlineData("BUDDY OFF please")]
    [InlineData("delete my buddy")]
    [InlineData("quitar mi contacto")]
    public async Task She_can_take_her_contact_off_in_her_own_words(string words)
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8702 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");

        // "remove buddy" got "did not understand", and "BUDDY OFF please" how to add a contact: the one she wants gone
        // (a friend no longer, or worse) went on getting her alerts.
        Assert.Contains(await texter.TextAsync(words), new[] { English.BuddyRemoved, EngineHarness.Flow.Language("es").Messages.BuddyRemoved });
        Assert.Equal(English.CodeWordSetNoContact, await texter.TextAsync("CODEWORD mango"));
    }
}
