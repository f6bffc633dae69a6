using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using WestmontTextLine.Twilio;

namespace WestmontTextLine.Tests.Web;

public class SignatureTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> PublishedFields = new()
    {
        ["CallSid"] = ["CA1234567890ABCDE"],
        ["Caller"] = ["+14158675309"],
        ["Digits"] = ["1234"],
        ["From"] = ["+14158675309"],
        ["To"] = ["+18005551212"],
    };

    [Fact]
    public void Twilios_published_vector_validates()
    {
        Assert.True(TwilioSignature.IsValid("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", PublishedFields, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Fact]
    public void The_lines_own_signature_is_twilios_published_vector()
    {
        var form = new FormCollection(PublishedFields.ToDictionary(f => f.Key, f => new StringValues([.. f.Value])));

        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.Sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", form));
    }

    [Fact]
    public void Twilios_published_vector_with_the_port_validates()
    {
        Assert.True(TwilioSignature.IsValid("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", PublishedFields, "kvajT1Ptam85bY51eRf/AJRuM3w="));
        Assert.True(TwilioSignature.IsValid("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", PublishedFields, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    // Twilio has signed a URL on a port other than 443 or 80 both with the port and without it (twilio-csharp #44 and
    // #509, twilio-node #411), so its own validators try the URL with any port dropped: twilio-csharp
    // src/Twilio/Security/RequestValidator.cs (GetUriVariation), twilio-python twilio/request_validator.py (remove_port).
    [Theory]
    [InlineData("https://line.example.org:8443/sms?n=welcome", "https://line.example.org/sms?n=welcome")]
    [InlineData("http://line.example.org:5080/sms/status?n=law_status&o=abc", "http://line.example.org/sms/status?n=law_status&o=abc")]
    [InlineData("https://line.example.org:8443/sms?n=welcome", "https://line.example.org:8443/sms?n=welcome")]
    public void A_url_on_another_port_validates_signed_with_or_without_it_as_twilios_validator_accepts(string received, string signed)
    {
        var fields = PublishedFields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value[0])).ToList();
        var signature = TwilioTestSigner.Sign("12345", signed, fields);

        Assert.True(new global::Twilio.Security.RequestValidator("12345")
            .Validate(received, fields.ToDictionary(f => f.Key, f => f.Value), signature));
        Assert.True(TwilioSignature.IsValid("12345", received, PublishedFields, signature));
    }

    [Fact]
    public void A_url_on_another_port_is_not_valid_for_a_signature_over_a_different_port()
    {
        var fields = PublishedFields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value[0])).ToList();
        var signature = TwilioTestSigner.Sign("12345", "https://line.example.org:9443/sms", fields);

        Assert.False(TwilioSignature.IsValid("12345", "https://line.example.org:8443/sms", PublishedFields, signature));
        Assert.False(TwilioSignature.IsValid("12345", "https://line.example.org/sms", PublishedFields, signature));
    }

    [Fact]
    public void The_test_signer_agrees_with_the_published_vector()
    {
        var fields = PublishedFields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value[0]));
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioTestSigner.Sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", fields));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8")]
    [InlineData("not base64 at all")]
    public void A_missing_or_wrong_signature_is_invalid_without_throwing(string? signature)
    {
        Assert.False(TwilioSignature.IsValid("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", PublishedFields, signature));
    }

    [Fact]
    public void A_changed_field_or_url_is_invalid()
    {
        var changed = new Dictionary<string, IReadOnlyList<string>>(PublishedFields) { ["Digits"] = ["9999"] };
        Assert.False(TwilioSignature.IsValid("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", changed, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        Assert.False(TwilioSignature.IsValid("12345", "https://mycompany.com/myapp.php?foo=1&bar=3", PublishedFields, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        Assert.False(TwilioSignature.IsValid("12345", "https://mycompany.com/myapp.php/?foo=1&bar=2", PublishedFields, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    [Fact]
    public void Every_value_of_a_repeated_key_counts_sorted()
    {
        var url = "https://line.example.org/sms";
        var fields = new List<KeyValuePair<string, string>> { new("From", "+1"), new("MediaUrl", "b"), new("MediaUrl", "a") };
        var signature = TwilioTestSigner.Sign("secret", url, fields);
        var grouped = new Dictionary<string, IReadOnlyList<string>> { ["From"] = ["+1"], ["MediaUrl"] = ["b", "a"] };

        Assert.True(TwilioSignature.IsValid("secret", url, grouped, signature));
        var joinedWithComma = new Dictionary<string, IReadOnlyList<string>> { ["From"] = ["+1"], ["MediaUrl"] = ["a,b"] };
        Assert.False(TwilioSignature.IsValid("secret", url, joinedWithComma, signature));
        var oneDropped = new Dictionary<string, IReadOnlyList<string>> { ["From"] = ["+1"], ["MediaUrl"] = ["a"] };
        Assert.False(TwilioSignature.IsValid("secret", url, oneDropped, signature));
    }
}
