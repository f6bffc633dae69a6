namespace WestmontTextLine.Tests.Support;

/// <summary>The reply a texter gets when storage fails: the emergency numbers and "text again", in one of the line's languages.</summary>
public static class FallbackReply
{
    public static void AssertIsFallback(string? reply) => Assert.Contains(reply, Fallbacks);

    public static bool IsFallback(string? reply) => Fallbacks.Contains(reply);

    private static List<string?> Fallbacks =>
        EngineHarness.Flow.Languages.Values.Select(language => (string?)language.Messages.Fallback).ToList();
}
