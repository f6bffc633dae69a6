using WestmontTextLine.Sessions;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// Whether her session says she opted out. Her STOP may have saved her session and not the rest of what it ends (her
/// timer, her plan: a fault part way, then a restart), so what would still text someone about her asks her session,
/// not only whether her plan is gone.
/// </summary>
public sealed class OptedOutTexters(ISessionStore sessions)
{
    public async Task<bool> HasOptedOutAsync(string texterKey, CancellationToken cancellationToken) =>
        (await sessions.LoadAsync(texterKey, cancellationToken))?.OptedOut == true;
}
