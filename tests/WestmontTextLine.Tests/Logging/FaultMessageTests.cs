using WestmontTextLine.Logging;

namespace WestmontTextLine.Tests.Logging;

public class FaultMessageTests
{
    private const string SenderKey = "3f2a9c0d1e4b5a6978877665544332211000ffeeddccbbaa9988776655443322";

    [Fact]
    public void A_redis_timeout_message_names_a_sender_key_by_its_log_tag_alone()
    {
        var message = $"Timeout performing HGETALL (1000ms), next: HGETALL wtl:session:{SenderKey}, inst: 0, serverEndpoint: 127.0.0.1:6379";

        var scrubbed = FaultMessage.Scrub(message);

        Assert.DoesNotContain(SenderKey, scrubbed);
        Assert.Contains($"wtl:session:{LogTag.Of(SenderKey)},", scrubbed);
        Assert.DoesNotContain(SenderKey[..6], scrubbed);
        Assert.Contains("127.0.0.1:6379", scrubbed);
        Assert.Contains("(1000ms)", scrubbed);
    }

    [Theory]
    [InlineData("failed for +16305550100 today")]
    [InlineData("failed for (630) 555-0100 today")]
    public void Anything_that_could_be_a_phone_number_is_masked(string message)
    {
        var scrubbed = FaultMessage.Scrub(message);

        Assert.Equal("failed for [number] today", scrubbed);
    }

    [Fact]
    public void A_long_message_is_cut_to_its_first_line_and_at_most_240_characters()
    {
        var counters = string.Join(", ", Enumerable.Range(0, 60).Select(i => $"counter{i}: {i}"));
        var message = $"Timeout performing HGETALL (1000ms), {counters}\nsecond line";

        var scrubbed = FaultMessage.Scrub(message);

        Assert.Equal(FaultMessage.MaxLength + 3, scrubbed.Length);
        Assert.StartsWith("Timeout performing HGETALL (1000ms), counter0: 0", scrubbed);
        Assert.EndsWith("...", scrubbed);
        Assert.DoesNotContain("second line", FaultMessage.Scrub("short\nsecond line"));
    }
}
