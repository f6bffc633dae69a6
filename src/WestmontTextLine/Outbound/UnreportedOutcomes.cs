using System.Globalization;
using WestmontTextLine.Spool;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Outcomes of outbound texts that a feature could not record because the store did not answer (Redis down, paused or
/// full; SQLite locked or full). Twilio reports a text's fate once: an "undelivered" for the alert to her safety
/// contact, lost so, left her never told that her contact was not reached. Each waits here with the one feature that
/// has yet to hear it (a feature that heard it is not told twice), by the feature's name, in memory and on local disk
/// (<see cref="WaitingOnDisk{T}"/>: an outbox id, a label, a status: nothing personal), and <see cref="OutcomeListeners"/>
/// tells it again at the outbox worker's next pass that the store answers, after a restart too. At most
/// <see cref="Capacity"/>.
/// </summary>
public sealed class UnreportedOutcomes(SpoolFiles files)
{
    public const int Capacity = 10_000;

    private readonly WaitingOnDisk<Unreported> _waiting = new(files.Open("outcomes", Capacity), Unreported.ToLine, Unreported.Parse);

    public int Count => _waiting.Count;

    /// <param name="notOnDisk">Null when it is on disk too; why not when the disk refused it (in memory only, until a restart).</param>
    /// <returns>False when the room for them is full: the outcome is not kept.</returns>
    public bool Add(OutboundOutcome outcome, IOutboundOutcomes listener, out SpoolRefusal? notOnDisk) =>
        _waiting.TryAdd(new Unreported(outcome, NameOf(listener)), out notOnDisk);

    /// <summary>
    /// Tells what waits, oldest first, each to its feature among <paramref name="listeners"/>; a failure stops it and keeps
    /// the rest for the next pass. One caller at a time.
    /// </summary>
    public Task ReportAsync(IEnumerable<IOutboundOutcomes> listeners, CancellationToken cancellationToken) =>
        _waiting.HandOnAsync(async (waiting, token) =>
        {
            // A feature this build no longer has hears nothing: the outcome is let go.
            if (listeners.FirstOrDefault(listener => NameOf(listener) == waiting.Listener) is { } listener) await listener.ReportAsync(waiting.Outcome, token);
        }, cancellationToken);

    private static string NameOf(IOutboundOutcomes listener) => listener.GetType().Name;

    private sealed record Unreported(OutboundOutcome Outcome, string Listener)
    {
        public static string ToLine(Unreported waiting)
        {
            var outcome = waiting.Outcome;
            return string.Join(' ', "outcome", outcome.OutboxId, outcome.Label, outcome.Status.ToString(),
                outcome.ErrorCode?.ToString(CultureInfo.InvariantCulture) ?? "-", waiting.Listener);
        }

        public static Unreported? Parse(string line)
        {
            var parts = line.Split(' ');
            if (parts.Length != 6 || parts[0] != "outcome" || !Enum.TryParse<OutboundStatus>(parts[3], out var status)) return null;
            int? code = int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            return new Unreported(new OutboundOutcome(parts[1], parts[2], status, code), parts[5]);
        }
    }
}
