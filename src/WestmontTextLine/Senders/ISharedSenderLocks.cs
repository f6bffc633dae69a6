using WestmontTextLine.Sessions;

namespace WestmontTextLine.Senders;

/// <summary>
/// One text at a time per sender across every instance of the line, beside the in-process <see cref="SenderLocks"/>.
/// The session's version check already keeps two instances from losing each other's update, but what a text does
/// besides its session (an alert to her safety contact, a conversation opened in the inbox) happens before that
/// check: a Twilio retry of one MessageSid reaching two instances at once did it twice. Holding this lock, the
/// second instance finds the first one's answer in the session and repeats it.
/// </summary>
public interface ISharedSenderLocks
{
    /// <summary>
    /// Takes the sender's lock, waiting a short while for another instance that holds it. Null when there is nothing to
    /// hold (one instance), or when the lock was not free in time: the text then goes on without it, as before, guarded
    /// by the session's version check, rather than leave the texter without an answer.
    /// </summary>
    Task<IAsyncDisposable?> AcquireAsync(string senderKey, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="AcquireAsync"/>, then her session as <paramref name="sessions"/> holds it. Where the lock and her
    /// session are kept on one server (Redis), both in one round trip, which a text otherwise waits for twice.
    /// </summary>
    Task<LockedSession> AcquireAndLoadAsync(string senderKey, ISessionStore sessions, CancellationToken cancellationToken) =>
        LockedSession.LockThenLoadAsync(this, senderKey, sessions, cancellationToken);
}

/// <summary>Her lock (null when there is none to hold, as for <see cref="ISharedSenderLocks.AcquireAsync"/>) and her session read under it.</summary>
public readonly record struct LockedSession(IAsyncDisposable? Lock, Session? Session)
{
    /// <summary>The lock, then the session: two steps, for stores that keep no lock beside the sessions.</summary>
    public static async Task<LockedSession> LockThenLoadAsync(
        ISharedSenderLocks locks, string senderKey, ISessionStore sessions, CancellationToken cancellationToken)
    {
        var held = await locks.AcquireAsync(senderKey, cancellationToken);
        try
        {
            return new LockedSession(held, await sessions.LoadAsync(senderKey, cancellationToken));
        }
        catch
        {
            if (held is not null) await held.DisposeAsync();
            throw;
        }
    }
}

/// <summary>One instance (SQLite, or the tests' in-memory store): the in-process lock is the whole lock.</summary>
public sealed class NoSharedSenderLocks : ISharedSenderLocks
{
    public static readonly NoSharedSenderLocks Instance = new();

    public Task<IAsyncDisposable?> AcquireAsync(string senderKey, CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable?>(null);
}
