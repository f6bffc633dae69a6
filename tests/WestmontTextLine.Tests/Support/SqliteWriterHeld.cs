using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// Holds the line's SQLite writer, once, with a batch holding a write the test picks: it has taken the batch from its
/// queue and holds the file's write lock, but has not taken the batch's changes yet (<see cref="SqliteWriter.HoldingTheLock"/>).
/// While held, that write's caller can give up as it would while another connection held the lock. Dispose it before
/// the line: a writer still held keeps the line's disposal waiting.
/// </summary>
public sealed class SqliteWriterHeld : IDisposable
{
    private static readonly TimeSpan NeverLongerThan = TimeSpan.FromSeconds(30);

    private readonly SqliteWriter _writer;
    private readonly ManualResetEventSlim _letGo = new();
    private int _held;

    public SqliteWriterHeld(SqliteWriter writer, Func<ISqliteWrite, bool> picks)
    {
        _writer = writer;
        writer.HoldingTheLock = writes =>
        {
            if (!writes.Any(picks) || Interlocked.Exchange(ref _held, 1) == 1) return;
            _letGo.Wait(NeverLongerThan);
        };
    }

    /// <summary>Whether the writer was held with a picked write (it still is until <see cref="LetGo"/>).</summary>
    public bool Held => Volatile.Read(ref _held) == 1;

    public void LetGo()
    {
        _writer.HoldingTheLock = null;
        _letGo.Set();
    }

    public void Dispose() => LetGo();
}
