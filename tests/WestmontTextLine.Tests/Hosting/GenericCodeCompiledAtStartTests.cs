using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Hosting;

/// <summary>
/// Generic code over a struct is compiled by the JIT even in the published ReadyToRun line, so what runs before the
/// first answer avoids it where it has the choice: the settings check's look for a misspelt section (which runs at
/// every start: Logging is a section of no options class), the flows' checks and matchers as they load, the form's
/// tables. The JIT's own list of what it compiled, from a line in its own process that has started and answered a
/// text.
/// </summary>
public sealed class GenericCodeCompiledAtStartTests
{
    /// <summary>LINQ over structs that the start no longer runs, each with where it was.</summary>
    private static readonly string[] NotCompiled =
    [
        "[System.Text.Rune]", // the flows' GSM-7 check (TextRules.CheckSmsText)
        "[char]", "[char,char]", "System.ValueTuple`2[System.__Canon,int]", "RangeIterator`1[int]:ToArray", // the settings check's misspelt-section look (UnknownSettings)
        "Distinct[int]", "RangeSelectIterator`2[int,", // the distress matcher's terms (DistressMatcher), the word stems' endings (WordStem)
        "ArraySelectIterator`2[System.__Canon,bool]", // the form's repeating fields (UrlEncodedForm)
        "ToDictionary[System.__Canon,System.__Canon,System.ValueTuple`2", // the flow problems' lines (ProblemLines)
        "ArrayWhereIterator`1[System.ValueTuple`2[System.__Canon,System.__Canon]]", // the store's added columns (SqliteSessionRows)
        "System.Collections.Generic.KeyValuePair`2[System.__Canon,System.__Canon]", // the flows' dictionaries (FlowBuilder, WayBackCheck, DistressPhrase)
    ];

    /// <summary>One line started for both facts: each start is a process and a JIT list of about 8,000 methods.</summary>
    private static readonly Lazy<Task<IReadOnlyList<string>>> Compiled = new(CompiledOnceATextIsAnsweredAsync);

    [Fact]
    public async Task A_line_that_has_started_and_answered_a_text_compiled_no_LINQ_over_the_structs_its_start_used_to()
    {
        var compiled = await Compiled.Value;
        AssertRan(compiled,
            "WestmontTextLine.Settings.UnknownSettings:In", "WestmontTextLine.Flows.Checks.TextRules:CheckSmsText",
            "WestmontTextLine.Words.DistressMatcher:.ctor", "WestmontTextLine.Flows.ProblemLines:Add");
        var linqOverThem = compiled.Where(method => method.StartsWith("System.Linq.Enumerable", StringComparison.Ordinal)
            && NotCompiled.Any(instantiation => method.Contains(instantiation, StringComparison.Ordinal))).ToList();
        Assert.True(linqOverThem.Count == 0, "compiled before the first answer:\n" + string.Join("\n", linqOverThem));
        Assert.DoesNotContain(compiled, method => method.StartsWith("System.Collections.Generic.HashSet`1[System.Text.Rune]", StringComparison.Ordinal));
        Assert.DoesNotContain(compiled, method => method.StartsWith("System.Collections.Generic.Dictionary`2[System.__Canon,System.ValueTuple`2[System.__Canon,System.__Canon]]", StringComparison.Ordinal));
    }

    /// <summary>
    /// The first text's own path through the webhook: the body limits and the signature filter hand the handler's task
    /// back as it is (the form is read at once), the handler takes no struct among its arguments (the filters'
    /// invocation context over one is compiled by the JIT in the published line), the conversation hands back the
    /// store's save as it is, and the reply's bytes are kept under a class key, not a tuple. Each async method there
    /// that waits costs the published line's first text about a dozen methods (its state machine's box over the
    /// framework's builder); each generic instantiation over a struct, its methods.
    /// </summary>
    [Fact]
    public async Task The_first_texts_path_waits_in_no_filter_nor_the_save_and_compiles_no_generic_code_over_a_struct_it_can_do_without()
    {
        var compiled = await Compiled.Value;
        AssertRan(compiled,
            "WestmontTextLine.Sms.SmsRequestLimits:InvokeAsync", "WestmontTextLine.Twilio.ValidateTwilioRequestFilter:InvokeAsync",
            "WestmontTextLine.Conversations.ConversationService:PersistAsync", "WestmontTextLine.Sms.TwiMLResult:RenderBytes");
        var avoidable = compiled.Where(method =>
            method.Contains("SmsRequestLimits+<InvokeAsync>", StringComparison.Ordinal)
            || method.Contains("ValidateTwilioRequestFilter+<", StringComparison.Ordinal)
            || method.Contains("ConversationService+<PersistAsync>", StringComparison.Ordinal)
            || (method.StartsWith("Microsoft.AspNetCore.Http.EndpointFilterInvocationContext", StringComparison.Ordinal)
                && method.Contains("System.Threading.CancellationToken", StringComparison.Ordinal))
            // TwiMLResult's rendered replies (on SQLite nothing else has a dictionary of this shape)
            || method.StartsWith("System.Collections.Concurrent.ConcurrentDictionary`2[System.ValueTuple`2[System.__Canon,System.__Canon],System.__Canon]", StringComparison.Ordinal)).ToList();
        Assert.True(avoidable.Count == 0, "compiled before the first answer:\n" + string.Join("\n", avoidable));
    }

    /// <summary>The line's own methods that must be in the list: the code each fact is about did run.</summary>
    private static void AssertRan(IReadOnlyList<string> compiled, params string[] methods)
    {
        foreach (var name in methods) Assert.Contains(compiled, method => method.StartsWith(name, StringComparison.Ordinal));
    }

    /// <summary>
    /// The methods the JIT compiled (`DOTNET_JitStdOutFile` with `DOTNET_JitDisasmSummary`) in the built line, on
    /// SQLite, by the time it has answered a first text, with the misspelt-section look run for Logging.
    /// </summary>
    private static async Task<IReadOnlyList<string>> CompiledOnceATextIsAnsweredAsync()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-jit-{Guid.NewGuid():N}.db");
        var list = Path.Combine(Path.GetTempPath(), $"textline-jit-{Guid.NewGuid():N}.txt");
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["DOTNET_JitStdOutFile"] = list,
                ["DOTNET_JitDisasmSummary"] = "1",
            };
            await using (var line = await LineProcess.StartAsync(database, environment))
            {
                Assert.Contains("Westmont Text Line", await line.ReplyAsync(TestNumbers.Next(), "Hi", "SM" + Guid.NewGuid().ToString("N")));
            }
            // "  12: JIT compiled Namespace.Type:Method(args) [Tier0, IL size=7, code size=35]"
            return [.. File.ReadLines(list)
                .Select(line => line.Split("JIT compiled ", 2))
                .Where(parts => parts.Length == 2)
                .Select(parts => parts[1])];
        }
        finally
        {
            SqliteFiles.Delete(database);
            File.Delete(list);
        }
    }
}
