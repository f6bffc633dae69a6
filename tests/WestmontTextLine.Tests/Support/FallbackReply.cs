namespace WestmontTextLine.Tests.Support;

/// <summary>The reply a texter gets when storage fails: the emergency numbers and "text again", in one of the line's languages.</summary>
public static class FallbackReply
{
    public static void AssertIsFallback(string? reply)
    {
        var fallbacks = EngineHarness.Flow.Languages.Values.Select(language => language.Messages.Fallback).ToList();
        Assert.Contains(reply, fallbacks);
    }
}
