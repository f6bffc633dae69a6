using System.Text.RegularExpressions;

namespace WestmontTextLine.Tests.Readme;

/// <summary>
/// What a texter who asks for a person gets is told once, in "Talk to a person: what the texter sees"; the inbox's
/// section (for staff) says what each moment looks like in the inbox and links there. Both told the text after TALK,
/// the replies from the line's number, STOP and FORGET in a chat and the code word's answer, in two wordings.
/// </summary>
public sealed class ReadmeTalkToAPersonTests
{
    [Fact]
    public void What_the_texter_sees_is_told_once_and_the_inbox_section_links_to_it()
    {
        var inbox = Flat(Readme.OwnText("Talk to a person: the inbox"));
        var texter = Flat(Readme.OwnText("Talk to a person: what the texter sees"));

        Assert.Contains("**What the texter sees**, text by text from `TALK` to the closing text, is in " +
            "[Talk to a person: what the texter sees](#talk-to-a-person-what-the-texter-sees)", inbox);
        Assert.DoesNotContain("with no name unless", inbox);
        Assert.DoesNotContain("she gets only \"Got it, thanks.\"", inbox);
        Assert.DoesNotContain("text that someone will text back", inbox);
        // What only the inbox's section said before, now where her texts are told.
        Assert.Contains("a short, neutral text, \"Thanks. Someone from our team will text you back here soon.", texter);
        Assert.Contains("their replies reach her as texts from the line's number, with no name unless they write one", texter);
        Assert.Contains("her code word gets only \"Got it, thanks.\" and alerts her contact", texter);
    }

    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");
}
