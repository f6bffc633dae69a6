using WestmontTextLine.Sessions;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Whether a number opted out: the one check for the outbox (a text to her, or about her) and for what her check-in
/// would still send. Her STOP may have saved her session and not the rest of what it ends (her timer, her plan: a fault
/// part way, then a restart), so what would still text someone about her asks her session, not only whether her plan
/// is gone.
/// </summary>
public sealed class OptedOutNumbers(ISessionStore sessions, StopsOfHeldTexts stops)
{
    public async Task<bool> HasOptedOutAsync(string numberKey, CancellationToken cancellationToken) =>
        (await sessions.LoadAsync(numberKey, cancellationToken))?.OptedOut == true;

    /// <summary>Opted out now, or said STOP after a text was queued at <paramref name="queuedAt"/> (and START since): STOP withdrew it for good.</summary>
    public async Task<bool> HasOptedOutSinceAsync(string numberKey, DateTimeOffset queuedAt, CancellationToken cancellationToken) =>
        await HasOptedOutAsync(numberKey, cancellationToken) || await stops.StoppedSinceAsync(numberKey, queuedAt, cancellationToken);
}
