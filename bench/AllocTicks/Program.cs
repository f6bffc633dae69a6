using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Who allocates: the runtime's allocation ticks (one event about every 100 KB allocated, naming the type of the
// object that crossed the mark, with its stack) summed by type, by the nearest frame of the line's own code, and by
// the pair. Usage: AllocTicks TRACE.nettrace [BYTES_A_TEXT] [TOP]. With BYTES_A_TEXT (from the run's counters) each
// row also gives its share in bytes a text.
if (args.Length < 1) { Console.Error.WriteLine("usage: AllocTicks TRACE.nettrace [BYTES_A_TEXT] [TOP]"); return 2; }
var perText = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
var top = args.Length > 2 ? int.Parse(args[2]) : 40;

using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byType = new Dictionary<string, long>();
var bySite = new Dictionary<string, long>();
var byPair = new Dictionary<string, long>();
var stacksOfPair = new Dictionary<string, string>();
long all = 0;
int ticks = 0, collections = 0;
foreach (var e in log.Events)
{
    if (e is GCStartTraceData) collections++;
    if (e is not GCAllocationTickTraceData tick) continue;
    ticks++;
    var amount = tick.AllocationAmount64;
    all += amount;
    var site = "(no frame of the line)";
    var frames = new List<string>();
    for (var frame = e.CallStack(); frame is not null; frame = frame.Caller)
    {
        var name = frame.CodeAddress.FullMethodName;
        if (string.IsNullOrEmpty(name)) name = frame.CodeAddress.ModuleName + "!?";
        if (frames.Count < 14) frames.Add(name);
        if (site.StartsWith('(') && name.StartsWith("WestmontTextLine.", StringComparison.Ordinal)) site = name;
    }
    Add(byType, tick.TypeName, amount);
    Add(bySite, site, amount);
    var pair = $"{tick.TypeName}  <=  {site}";
    Add(byPair, pair, amount);
    if (!stacksOfPair.ContainsKey(pair)) stacksOfPair[pair] = string.Join("\n      ", frames);
}
if (all == 0) { Console.Error.WriteLine("no allocation ticks in the trace"); return 1; }

Console.WriteLine($"allocation ticks: {ticks}, {all / 1e6:F1} MB in all, over {log.SessionDuration.TotalSeconds:F1} s; {collections} collections");
Print("by type", byType);
Print("by the line's nearest frame", bySite);
Print("by type and frame", byPair);
Console.WriteLine("\n== a stack of each of the first pairs");
foreach (var (pair, _) in byPair.OrderByDescending(p => p.Value).Take(top))
    Console.WriteLine($"  {pair}\n      {stacksOfPair[pair]}");
return 0;

void Print(string title, Dictionary<string, long> rows)
{
    Console.WriteLine($"\n== {title}");
    foreach (var (key, bytes) in rows.OrderByDescending(r => r.Value).Take(top))
    {
        var share = (double)bytes / all;
        var text = perText > 0 ? $"{share * perText,8:F0} B/text" : "";
        Console.WriteLine($"  {share * 100,5:F1}% {text}  {key}");
    }
}

static void Add(Dictionary<string, long> into, string key, long amount) =>
    into[key] = into.GetValueOrDefault(key) + amount;
