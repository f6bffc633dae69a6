using System.Buffers.Binary;
using WestmontTextLine.Records;

namespace WestmontTextLine.Outbound;

/// <summary>
/// The last failure of one kind reported in the last day (its error code and when), for /healthz and the log: noted by
/// each failure, cleared by a success that proves it over. Kept in the store (<see cref="Kind"/>, under a fixed name,
/// for a day), so every instance's /healthz says it whichever instance heard it, and a restart does not forget it:
/// before, each instance kept its own in memory, and after a restart an on-call phone that had texted STOP showed
/// healthy until the next alert to it failed. It holds an error code and a time, nothing of anyone.
/// <para>
/// It never fails the status callback that reports it: a store that does not answer is logged, once until the record
/// is read again (/healthz reads it at every poll), the failure is then treated as new (logged again, not lost), and
/// /healthz leaves it out (its storage line says why).
/// </para>
/// </summary>
public sealed class FailureInLastDay(IPrivateRecords records, string name, TimeProvider time, ILogger logger)
{
    public const string Kind = "line-health";
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);
    private const int Attempts = 4;
    private const int NoCode = -1;
    private int _unreadable;

    /// <summary>Notes a failure; true when it is new (none in the last day, or another code), so it is logged once, not once a text.</summary>
    public async Task<bool> NoteAsync(int? code, CancellationToken cancellationToken = default)
    {
        try
        {
            for (var attempt = 1; attempt <= Attempts; attempt++)
            {
                var now = time.GetUtcNow();
                var stored = await records.GetAsync(Kind, name, now, cancellationToken);
                Read();
                var isNew = stored is null || Decode(stored.Payload).Code != code;
                if (await records.TryPutAsync(Kind, name, Encode(code, now), stored?.Version ?? 0, now + Window, now, cancellationToken)) return isNew;
            }
            return true; // another instance noting the same failure at the same moment: saying it twice is better than never
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            NotKept(ex);
            return true;
        }
    }

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            // Read first: every delivered text clears it, and a delete is a write on SQLite.
            var stored = await records.GetAsync(Kind, name, time.GetUtcNow(), cancellationToken);
            Read();
            if (stored is not null) await records.DeleteAsync(Kind, name, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            NotKept(ex);
        }
    }

    /// <summary>The last failure, if it was in the last day.</summary>
    public async Task<(int? Code, DateTimeOffset At)?> LastAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var stored = await records.GetAsync(Kind, name, time.GetUtcNow(), cancellationToken);
            Read();
            return stored is null ? null : Decode(stored.Payload);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            NotKept(ex);
            return null;
        }
    }

    private void Read() => Volatile.Write(ref _unreadable, 0);

    private void NotKept(Exception ex)
    {
        if (Interlocked.Exchange(ref _unreadable, 1) == 1) return;
        logger.LogWarning("The line's health record {Name} could not be read or kept: {Error}; /healthz leaves out what it holds " +
            "until the store answers ('Health check storage is Healthy again'). Logged once until it is read again", name, ex.GetType().Name);
    }

    private static byte[] Encode(int? code, DateTimeOffset at)
    {
        var payload = new byte[12];
        BinaryPrimitives.WriteInt64BigEndian(payload, at.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(8), code ?? NoCode);
        return payload;
    }

    private static (int? Code, DateTimeOffset At) Decode(byte[] payload)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(payload));
        var code = BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(8));
        return (code == NoCode ? null : code, at);
    }
}
