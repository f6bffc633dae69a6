using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using WestmontTextLine.Flows;
using WestmontTextLine.Sms;
using WestmontTextLine.Twilio;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Bench;

/// <summary>
/// X-Twilio-Signature checking with the app's TwilioSignature.IsValid, over the 19 fields of a real Twilio SMS
/// webhook (the same fields bench/load/twilio-sms.lua sends), with a valid signature.
/// </summary>
[MemoryDiagnoser]
public class SignatureValidation
{
    private const string Token = "bench-auth-token-0123456789abcdef";
    private const string Url = "http://127.0.0.1:18082/sms";

    private List<KeyValuePair<string, IReadOnlyList<string>>> _fields = null!;
    private string _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        var sid = "SM0123456789abcdef0123456789abcdef";
        var form = new Dictionary<string, string>
        {
            ["ToCountry"] = "US", ["ToState"] = "IL", ["SmsMessageSid"] = sid, ["NumMedia"] = "0", ["ToCity"] = "WESTMONT",
            ["FromZip"] = "60559", ["SmsSid"] = sid, ["FromState"] = "IL", ["SmsStatus"] = "received", ["FromCity"] = "WESTMONT",
            ["Body"] = "hiv test", ["FromCountry"] = "US", ["To"] = "+16305551234", ["ToZip"] = "60559", ["NumSegments"] = "1",
            ["MessageSid"] = sid, ["AccountSid"] = "AC0123456789abcdef0123456789abcdef", ["From"] = "+16305550123",
            ["ApiVersion"] = "2010-04-01",
        };
        _fields = form.Select(f => new KeyValuePair<string, IReadOnlyList<string>>(f.Key, new[] { f.Value })).ToList();
        // Signed independently of the app: base64(HMAC-SHA1(token, url + keys and values, keys sorted)).
        var data = new StringBuilder(Url);
        foreach (var (key, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal)) data.Append(key).Append(value);
        _signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Token), Encoding.UTF8.GetBytes(data.ToString())));
        if (!TwilioSignature.IsValid(Token, Url, _fields, _signature)) throw new InvalidOperationException("the benchmark's signature is not valid");
    }

    [Benchmark(Description = "TwilioSignature.IsValid (19 fields)")]
    public bool IsValid() => TwilioSignature.IsValid(Token, Url, _fields, _signature);
}

/// <summary>TwiMLResult.Render: the main menu as one &lt;Message&gt;, written by TwiMLWriter.</summary>
[MemoryDiagnoser]
public class TwiMLWriting
{
    private string _reply = null!;

    [GlobalSetup]
    public void Setup() => _reply = FlowLoader.Load(Repo.Flows).FlowOrThrow().Default.StartNode.Reply;

    [Benchmark(Description = "TwiMLResult.Render (main menu)")]
    public string Render() => TwiMLResult.Render(_reply);
}

/// <summary>SenderKeys.KeyOf: the HMAC-SHA256 of the phone number that sessions are stored under, once a text.</summary>
[MemoryDiagnoser]
public class SenderKeying
{
    private readonly SenderKeys _keys = new(Encoding.UTF8.GetBytes("bench-privacy-key-0123456789abcdef"));

    [Benchmark(Description = "SenderKeys.KeyOf")]
    public string KeyOf() => _keys.KeyOf("+16305550123");
}
