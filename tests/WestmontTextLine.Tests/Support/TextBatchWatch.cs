using System.Reflection;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// Watches the writer's batches (<see cref="SqliteWriter.HoldingTheLock"/>) for the last one that held a session save,
/// and whether it held only what a text writes: its session, and the deletion of its message at the provider queued
/// beside it. A batch commits or fails whole, so a text can fail for want of room that another write in its batch
/// needed (a worker's sweep or claim, a fold of the session log) while its own rows still fit.
/// </summary>
public sealed class TextBatchWatch : IDisposable
{
    private static readonly Type QueuedDeletion =
        typeof(SqliteWorkLog).GetNestedType("Append", BindingFlags.NonPublic) ?? throw new InvalidOperationException("SqliteWorkLog.Append was renamed");

    private readonly SqliteWriter _writer;
    private volatile bool _textsOnly;

    public TextBatchWatch(SqliteWriter writer)
    {
        Assert.Null(writer.HoldingTheLock);
        _writer = writer;
        writer.HoldingTheLock = writes =>
        {
            if (writes.Any(write => write is SqliteSessionStore.Save)) _textsOnly = writes.All(IsATextsOwn);
        };
    }

    /// <summary>Whether the last batch that held a session save held nothing but what texts write.</summary>
    public bool LastSaveBatchHeldTextsOnly => _textsOnly;

    public void Dispose() => _writer.HoldingTheLock = null;

    private static bool IsATextsOwn(ISqliteWrite write) => write is SqliteSessionStore.Save || write.GetType() == QueuedDeletion;
}
