using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Transcripts;

/// <summary>A transcript step's text sent from a phone, and its reply checked against the step's &lt; lines (or its silence).</summary>
public static class TranscriptTexts
{
    public static async Task SendAndCheckAsync(TwilioClient phone, TranscriptStep step, string where)
    {
        var reply = await phone.TextAsync(step.Input!);
        if (step.Silent)
        {
            Assert.True(reply is null, $"{where}: expected silence, got:\n{reply}");
            return;
        }
        if (step.Expected.Count == 0) return;
        Assert.True(reply is not null, $"{where}: expected a reply, got silence");
        var mismatch = ReplyExpectations.FirstMismatch(where.Split(':')[0], step, reply);
        Assert.True(mismatch is null, mismatch);
    }
}
