// Writes the load test's requests, signed before the run, one file per wrk thread:
//   dotnet SignedRequests.dll --url http://127.0.0.1:18082/sms --token TOKEN --out DIR
//       [--senders 30000] [--texts 10] [--laps 2] [--threads 2] [--first-number 16302000000] [--run-tag 1]
// Each sender walks TEXTS texts along a path through the menu (see TextPaths). The requests go round-robin: every
// sender's first text, then every sender's second, and so on, so one sender's texts are SENDERS requests apart and
// never in flight together. A lap is SENDERS new senders; with LAPS > 1 the next lap brings new senders, so a run
// that outlasts one lap never sends a MessageSid twice nor lets a sender exceed TEXTS texts.
// A sender always goes to the same thread's file, which keeps its texts in order.
// File format (requests-<thread>.bin): for each request, its length as 8 ASCII digits, then the raw HTTP/1.1 request.
using System.Globalization;
using System.Text;
using WestmontTextLine.Bench;

var options = BenchArguments.Parse(args);
if (!TwilioSigning.SelfCheck(out var problem))
{
    Console.Error.WriteLine($"signing self-check failed: {problem}");
    return 2;
}

var url = new Uri(options.Url);
Directory.CreateDirectory(options.OutDirectory);
var writers = Enumerable.Range(0, options.Threads)
    .Select(t => new BufferedStream(File.Create(Path.Combine(options.OutDirectory, $"requests-{t}.bin")), 1 << 20))
    .ToArray();
var signer = new TwilioSigning(options.Token, options.Url);
long written = 0;
for (var lap = 0; lap < options.Laps; lap++)
{
    for (var text = 0; text < options.Texts; text++)
    {
        for (var sender = 0; sender < options.Senders; sender++)
        {
            var index = (long)lap * options.Senders + sender;
            var from = "+" + (options.FirstNumber + index).ToString(CultureInfo.InvariantCulture);
            var body = TextPaths.Body(index, text);
            // 32 hex digits after SM, as Twilio's: the run tag, the sender and the text make it unique.
            var sid = $"SM{options.RunTag:x8}{index:x16}{text:x8}";
            var request = WebhookRequest.Build(url, signer, from, body, sid);
            var writer = writers[sender % options.Threads];
            writer.Write(Encoding.ASCII.GetBytes(request.Length.ToString("D8", CultureInfo.InvariantCulture)));
            writer.Write(request);
            written++;
        }
    }
}
foreach (var writer in writers) writer.Dispose();
Console.WriteLine($"{written} requests ({options.Laps} lap(s) of {options.Senders} senders x {options.Texts} texts) signed for {url} in {options.OutDirectory}");
return 0;
