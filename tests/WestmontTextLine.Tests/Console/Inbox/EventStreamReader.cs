using System.Text;
using System.Text.Json;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>One server-sent event as a browser's EventSource would see it: its type ("message" unless named) and data.</summary>
public sealed record ServerSentEvent(string Type, string Data)
{
    public string? Kind => Type == "message" ? JsonDocument.Parse(Data).RootElement.GetProperty("kind").GetString() : null;

    public string? ConversationId => Type == "message" ? JsonDocument.Parse(Data).RootElement.GetProperty("id").GetString() : null;
}

/// <summary>
/// Reads a text/event-stream answer event by event, as it arrives (comments skipped, the raw text kept so a test can
/// check that nothing but kinds and ids went through).
/// </summary>
public sealed class EventStreamReader(HttpResponseMessage response) : IDisposable
{
    private readonly StreamReader _reader = new(response.Content.ReadAsStream(), Encoding.UTF8);
    private readonly StringBuilder _raw = new();

    public string Raw => _raw.ToString();

    /// <summary>The next event, or a failure when none comes within <paramref name="within"/>.</summary>
    public async Task<ServerSentEvent> NextAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var type = "message";
        var data = new StringBuilder();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no event within {within.TotalSeconds:0.#} s; the stream so far:\n{Raw}");
            }
            if (line is null) throw new EndOfStreamException($"the stream ended; it said:\n{Raw}");
            _raw.Append(line).Append('\n');
            if (line.Length == 0)
            {
                if (data.Length > 0) return new ServerSentEvent(type, data.ToString());
                type = "message";
                continue;
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':');
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            if (field == "event") type = value;
            else if (field == "data") data.Append(data.Length > 0 ? "\n" : "").Append(value);
        }
    }

    /// <summary>Events until one matches, failing when none does within <paramref name="within"/> in all.</summary>
    public async Task<ServerSentEvent> NextMatchingAsync(Func<ServerSentEvent, bool> match, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no matching event within {within.TotalSeconds:0.#} s; the stream so far:\n{Raw}");
            var next = await NextAsync(left);
            if (match(next)) return next;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        response.Dispose();
    }
}
