using WestmontTextLine.Records;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Engine;
using System.Security.Cryptography;
using WestmontTextLine.Conversations;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Sms;
using WestmontTextLine.Storage;
using WestmontTextLine.Usage;
using WestmontTextLine.Senders;
using WestmontTextLine.Spool;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Cli;

/// <summary>
/// `chat`: one simulated texter talking to the line through the webhook's own ConversationService (keywords,
/// engine, storage, fallback), a text per line of standard input. Each reply is shown with what it costs to send.
/// </summary>
public static class ChatCommand
{
    public const string DefaultFrom = "+16305550100";
    public const string NoReply = "(no reply)";
    public const string MemoryStore = "memory";
    public const string SqliteStore = "sqlite";

    /// <summary>
    /// By default nothing outlives the chat: sessions and counts stay in memory, under a throwaway key, and it writes
    /// nothing, as `check` (<see cref="LookOnly"/>): before, it created the Development key file (and the data folder)
    /// before it swapped in its own key.
    /// </summary>
    public static void ConfigureServices(CliArguments arguments, IServiceCollection services)
    {
        var store = arguments.Option("store") ?? MemoryStore;
        if (store.Equals(MemoryStore, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<ISessionStore, InMemorySessionStore>();
            services.AddSingleton<IUsageCounter, InMemoryUsageCounter>();
            services.AddSingleton<IScheduledWork, InMemoryScheduledWork>();
            services.AddSingleton<IPrivateRecords, InMemoryPrivateRecords>();
            services.AddSingleton<LookOnly>();
            services.AddSingleton(new SpoolFiles(null)); // the line's own spool files are not this try-out's
            var throwawayKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            services.PostConfigure<SenderOptions>(options => options.PrivacyKey = throwawayKey);
        }
        else if (store.Equals(SqliteStore, StringComparison.OrdinalIgnoreCase))
        {
            services.Configure<StorageOptions>(options => options.Provider = StorageOptions.Sqlite);
        }
        else
        {
            throw new CliUsageException($"--store is '{MemoryStore}' or '{SqliteStore}', not '{store}'");
        }
    }

    public static async Task<int> RunAsync(IHost host, CliArguments arguments, CliConsole console)
    {
        var flow = host.Services.GetRequiredService<Flow>();
        var conversations = host.Services.GetRequiredService<ConversationService>();
        var time = host.Services.GetRequiredService<TimeProvider>();
        var from = arguments.Option("from") ?? DefaultFrom;
        var languageWord = LanguageWord(flow, arguments.Option("lang"));

        await host.StartAsync();
        try
        {
            if (console.InputIsTerminal)
            {
                await console.Output.WriteLineAsync($"Texting the line as {from}. Type a text and press Enter; Ctrl-D ends.");
                await console.Output.WriteLineAsync();
            }
            // --lang: the texter is taken to have sent the language's keyword first; its reply is not shown.
            if (languageWord is not null) await conversations.HandleAsync(from, new InboundText(languageWord, NewMessageSid(), time.GetUtcNow()), CancellationToken.None);

            while (true)
            {
                if (console.InputIsTerminal) await console.Output.WriteAsync("> ");
                var text = await console.Input.ReadLineAsync();
                if (text is null) break;
                if (string.IsNullOrWhiteSpace(text)) continue;
                if (!console.InputIsTerminal) await console.Output.WriteLineAsync($"> {text}");

                var reply = await conversations.HandleAsync(from, new InboundText(text, NewMessageSid(), time.GetUtcNow()), CancellationToken.None);
                await console.Output.WriteLineAsync(reply.Text ?? NoReply);
                if (reply.Text is not null) await console.Output.WriteLineAsync($"[{Meter(reply.Text)}{(reply.Degraded ? ", the fallback: storage failed" : "")}]");
                await console.Output.WriteLineAsync();
            }
        }
        finally
        {
            // Stopping lets the usage writer store what this chat counted (with --store sqlite).
            await host.StopAsync();
        }
        return CliCommand.Ok;
    }

    /// <summary>What a reply costs to send: "2 segments, GSM-7, 212 chars".</summary>
    public static string Meter(string reply)
    {
        var segments = SmsText.Segments(reply);
        var encoding = SmsText.EncodingOf(reply);
        var length = encoding == SmsEncoding.Gsm7 ? SmsText.Septets(reply) : reply.Length;
        return $"{segments} segment{(segments == 1 ? "" : "s")}, {(encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2")}, {length} chars";
    }

    /// <summary>The keyword that switches to the language, or null for the default language (nothing to send).</summary>
    private static string? LanguageWord(Flow flow, string? language)
    {
        if (language is null || language == Flow.DefaultLanguage) return null;
        if (!flow.Languages.ContainsKey(language))
        {
            throw new CliUsageException($"--lang is one of {string.Join(", ", flow.Languages.Keys.Order())}, not '{language}'");
        }
        return flow.Keywords.All
            .Where(k => k.Value.Action == KeywordAction.Language && k.Value.Language == language)
            .Select(k => k.Key)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault()
            ?? throw new CliUsageException($"the '{language}' flow has no language keyword to switch to it");
    }

    private static string NewMessageSid() => "SM" + Guid.NewGuid().ToString("N");
}
