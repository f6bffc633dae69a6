using System.Text;
using WestmontTextLine.Sms;
using WestmontTextLine.Twilio;
using WestmontTextLine.Words;
using Xunit.Abstractions;

namespace WestmontTextLine.Tests.Performance;

/// <summary>
/// Allocation budgets of the parts every text goes through before the engine (issue 18: fewer gen0 collections under
/// load). They count bytes, not time: speed is measured by the benchmarks in bench/, never in a test.
/// </summary>
public class TextAllocationTests(ITestOutputHelper output)
{
    private const int Runs = 1_000;

    // A real webhook's 20 fields, as Twilio sends them for a text (the numbers and SIDs made up).
    private static readonly byte[] Webhook = Encoding.ASCII.GetBytes(
        "ToCountry=US&ToState=IL&SmsMessageSid=SM0123456789abcdef0123456789abcdef&NumMedia=0&ToCity=CHICAGO&FromZip=60601" +
        "&SmsSid=SM0123456789abcdef0123456789abcdef&FromState=IL&SmsStatus=received&FromCity=CHICAGO&Body=where+can+I+get+tested" +
        "&FromCountry=US&To=%2B13125550100&MessagingServiceSid=MG0123456789abcdef0123456789abcdef&ToZip=60601&NumSegments=1" +
        "&MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B13125550199" +
        "&ApiVersion=2010-04-01");

    // Its fields' own strings (the texter's and the SID once) and the form's arrays sized to its 20 fields. Room for
    // 32 fields, or the SID decoded three times, take it over the budget.
    private const int FormBudgetBytes = 1_300;

    [Fact]
    public void A_webhooks_form_allocates_less_than_the_budget()
    {
        var perForm = BytesEach(() => UrlEncodedForm.Parse(Webhook, TwilioWebhookForm.MaxFields));
        output.WriteLine($"{perForm} bytes a form");
        Assert.True(perForm <= FormBudgetBytes, $"{perForm} bytes a form, budget {FormBudgetBytes}");
    }

    [Theory]
    [InlineData("where can I get tested?")]
    [InlineData("I'm scared, he won't let me leave")]
    [InlineData("¿Dónde está la clínica?")]
    public void Normalizing_a_text_allocates_only_its_result(string body)
    {
        var normal = InputText.Normalize(body);
        var perText = BytesEach(() => InputText.Normalize(body));
        // The returned string: its header, length and characters, rounded to 8 bytes.
        var stringBytes = (22 + 2 * normal.Length + 7) / 8 * 8;
        output.WriteLine($"'{body}': {perText} bytes, its result {stringBytes}");
        Assert.True(perText <= stringBytes, $"'{body}': {perText} bytes a text, its result alone {stringBytes}");
    }

    private static long BytesEach(Func<object?> run)
    {
        for (var i = 0; i < 100; i++) run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Runs; i++) run();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / Runs;
    }
}
