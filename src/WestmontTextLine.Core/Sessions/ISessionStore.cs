namespace WestmontTextLine.Sessions;

/// <summary>
/// Keeps sessions by sender key (a keyed hash of the phone number). Implementations: SQLite (one instance) and
/// Redis (several instances). A save is conditional on the version the caller loaded.
/// </summary>
public interface ISessionStore
{
    Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default);

    /// <summary>Writes the session if the stored version still equals session.Version; returns false on a conflict.</summary>
    /// <param name="notAfter">
    /// When the caller gives up (by the real clock): a save that would land later is not applied, because the texter
    /// was given the fallback instead of the reply that goes with it.
    /// </param>
    Task<bool> SaveAsync(string senderKey, Session session, DateTimeOffset? notAfter = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes everything stored about the sender.</summary>
    Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes sessions last active before the cutoff, except that an opt-out is kept (as its keyed hash and flag
    /// only), so that the number is never texted again. Returns how many sessions were deleted or cleared.
    /// </summary>
    Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default);

    /// <summary>Answers when the store is reachable; throws otherwise.</summary>
    Task PingAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// True while what it saves is lost at the next start: its file was deleted or replaced under the line, which goes
    /// on writing into the file it has open. Looked at after an opt-out is saved, not on every text.
    /// </summary>
    bool SavesAreLost => false;
}
