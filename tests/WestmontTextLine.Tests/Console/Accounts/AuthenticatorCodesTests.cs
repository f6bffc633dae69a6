using System.Text;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Tests.Console.Accounts;

/// <summary>The line's TOTP against RFC 6238's own test values (SHA-1, the last 6 of their 8 digits) and RFC 4648's Base32.</summary>
public sealed class AuthenticatorCodesTests
{
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void Codes_match_rfc_6238(long unixSeconds, string expected)
    {
        var step = AuthenticatorCodes.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(expected, AuthenticatorCodes.Code(RfcSecret, step));
        Assert.Equal(expected, TotpCodes.ForStep(RfcSecret, step));
    }

    [Theory]
    [InlineData("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")]
    [InlineData("gezdgnbvgy3tqojq gezdgnbvgy3tqojq")]
    [InlineData("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ====")]
    public void Base32_reads_the_key_in_any_case_with_spaces_or_padding(string text)
    {
        Assert.Equal(RfcSecret, AuthenticatorCodes.FromBase32(text));
    }

    [Fact]
    public void Text_that_is_not_base32_reads_as_nothing()
    {
        Assert.Null(AuthenticatorCodes.FromBase32("GEZDG0189"));
    }
}
