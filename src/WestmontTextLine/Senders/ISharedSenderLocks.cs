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
}

/// <summary>One instance (SQLite, or the tests' in-memory store): the in-process lock is the whole lock.</summary>
public sealed class NoSharedSenderLocks : ISharedSenderLocks
{
    public static readonly NoSharedSenderLocks Instance = new();

    public Task<IAsyncDisposable?> AcquireAsync(string senderKey, CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable?>(null);
}
