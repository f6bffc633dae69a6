namespace WestmontTextLine.Tests.Support;

/// <summary>The reply a texter gets when storage fails: the emergency numbers and "text again".</summary>
public static class FallbackReply
{
    public static void AssertIsFallback(string? reply)
    {
        Assert.NotNull(reply);
        Assert.Contains("911", reply);
        Assert.Contains("1-888-373-7888", reply);
        Assert.Contains("text again", reply);
    }
}
