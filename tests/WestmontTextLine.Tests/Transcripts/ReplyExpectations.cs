namespace WestmontTextLine.Tests.Transcripts;

/// <summary>
/// Checks a reply against a step's &lt; lines, and says what failed as an editor reads it: the &lt; line's own
/// number, the text sent, what was expected, and whether it is there but out of order.
/// </summary>
public static class ReplyExpectations
{
    /// <summary>Null when the reply holds every expected piece in order; else the failure message.</summary>
    public static string? FirstMismatch(string file, TranscriptStep step, string reply)
    {
        var from = 0;
        for (var i = 0; i < step.Expected.Count; i++)
        {
            var expected = step.Expected[i];
            var at = reply.IndexOf(expected, from, StringComparison.Ordinal);
            if (at >= 0)
            {
                from = at + expected.Length;
                continue;
            }
            var outOfOrder = reply.Contains(expected, StringComparison.Ordinal)
                ? "It is in the reply, but before the text of the < line above it: < lines follow the reply's order.\n"
                : "";
            return $"{file}:{step.ExpectedLines[i]}: after the text on line {step.Line} (> {step.Input}), the reply should contain:\n"
                + $"  {expected}\n{outOfOrder}The reply was:\n{reply}";
        }
        return null;
    }
}
