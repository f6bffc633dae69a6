namespace WestmontTextLine.Tests.Transcripts;

/// <summary>A failing transcript must tell an editor which of her lines failed and why, without reading code.</summary>
public class ReplyExpectationsTests
{
    private const string Text = "# a conversation\n> 5\n< Force and control\n< 2 Signs to watch for\n< 1 Choice or force?\n";
    private const string Reply = "Force and control. Pick a topic:\n1 Choice or force?\n2 Signs to watch for";

    [Fact]
    public void A_missing_text_is_reported_at_its_own_line_with_the_text_sent_and_the_reply()
    {
        var step = Transcript.Parse("t.txt", Text.Replace("2 Signs to watch for", "2 Signs to look for")).Steps[0];

        var message = ReplyExpectations.FirstMismatch("t.txt", step, Reply);

        Assert.Equal(
            "t.txt:4: after the text on line 2 (> 5), the reply should contain:\n  2 Signs to look for\nThe reply was:\n" + Reply,
            message);
    }

    [Fact]
    public void A_text_that_is_there_but_out_of_order_says_so()
    {
        var step = Transcript.Parse("t.txt", Text).Steps[0];

        var message = ReplyExpectations.FirstMismatch("t.txt", step, Reply);

        Assert.NotNull(message);
        Assert.StartsWith("t.txt:5: after the text on line 2 (> 5), the reply should contain:\n  1 Choice or force?\n"
            + "It is in the reply, but before the text of the < line above it", message);
    }

    [Fact]
    public void A_reply_with_every_piece_in_order_passes()
    {
        var step = Transcript.Parse("t.txt", Text.Replace("< 2 Signs to watch for\n< 1 Choice or force?\n", "< 1 Choice or force?\n< 2 Signs\n")).Steps[0];

        Assert.Null(ReplyExpectations.FirstMismatch("t.txt", step, Reply));
    }
}
