using System.Globalization;
using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Storage;

/// <summary>
/// Notices that the SQLite database was put back from an older copy. Found from outside: a copy put back started with
/// no word in the log or at /healthz, and its check-in timers ran as if nothing had happened since it was taken (a
/// check-in she had ended with OK texted her, then alerted her contact).
/// <para>
/// One row in the database (<c>line_mark</c>: a random id and a counter, nothing about anyone), counted up every
/// minute, and the same id and count in a file beside the database (<c>textline.db.mark</c>), written after the row.
/// At start, a database whose count is <see cref="Margin"/> or more behind the file's, under the same id, is an older
/// copy of the one this line last ran on: logged as an error once, /healthz says so for a day, and the timers that fell
/// due before this start (steps the line took, or she ended, since the copy was taken) run no texts
/// (<see cref="RestoredAt"/>). A database with no mark (a first start, an earlier build's), no file (a new machine, a
/// new folder) or another id is not a copy put back: nothing is known about what it missed.
/// </para>
/// </summary>
public sealed class SqliteCopyMark(SqliteWriter writer, StoreDataLoss loss, TimeProvider time, ILogger<SqliteCopyMark> logger)
{
    public const string Suffix = ".mark";
    public static readonly TimeSpan StepEvery = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How far behind the file a database must be to count as a copy put back: a power cut may lose the last commits
    /// (synchronous=NORMAL) while the file was written, and that is not a copy.
    /// </summary>
    public const long Margin = 3;

    private readonly string? _file = SqliteFileWatch.PathOf(writer.ConnectionString) is { } database ? database + Suffix : null;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _started;
    private int _failing;

    /// <summary>When this line started on a database put back from an older copy; null when it did not.</summary>
    public DateTimeOffset? RestoredAt { get; private set; }

    /// <summary>
    /// When this line started on a database put back from an older copy, or null; the first call (a timer's pass, or
    /// the mark's own minute) makes the comparison.
    /// </summary>
    public async Task<DateTimeOffset?> RestoredAtAsync(CancellationToken cancellationToken)
    {
        if (!Volatile.Read(ref _started)) await StepAsync(first: true, cancellationToken);
        return RestoredAt;
    }

    /// <summary>The first call compares the database with the file; each call counts the mark up, in the database, then in the file.</summary>
    public Task StepAsync(CancellationToken cancellationToken) => StepAsync(first: false, cancellationToken);

    private async Task StepAsync(bool first, CancellationToken cancellationToken)
    {
        if (_file is null) return; // an in-memory database
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (first && Volatile.Read(ref _started)) return;
            var step = new Step(Guid.NewGuid().ToString("N"));
            var count = await writer.WriteAsync(step, cancellationToken);
            var seen = _started ? null : ReadFile();
            if (seen is { } file && file.Id == step.Id && count - 1 + Margin <= file.Count)
            {
                // Go on from the file's count, so a later copy of this database is compared with what this line wrote.
                var copyCount = count - 1;
                count = await writer.WriteAsync(new Step(step.Id, file.Count + 1), cancellationToken);
                Restored(copyCount, file.Count);
            }
            else if (!_started && count > 1 && seen?.Id != step.Id) Unwitnessed();
            Volatile.Write(ref _started, true);
            WriteFile(step.Id!, count);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Restored(long databaseCount, long fileCount)
    {
        RestoredAt = time.GetUtcNow();
        var behind = TimeSpan.FromMinutes(fileCount - databaseCount);
        var what = $"the SQLite database was put back from an older copy (about {Behind(behind)} behind the one this line last ran on)";
        loss.Noted(what);
        logger.LogError("Storage: {What}. What was kept since that copy is gone: opt-outs (a number that sent STOP may be texted again; " +
            "Twilio refuses the text with 21610 and the line records the STOP again), FORGET (what she asked to delete is back), OK to a check-in, " +
            "chats with staff; texts sent since may go out again. Check-in and chat timers that fell due before this start run no texts. " +
            "See README, \"Backups\".", what);
    }

    /// <summary>
    /// A database that ran before (its mark counted up at least once) with no mark of its own beside it: moved to a new
    /// machine or folder, put back there after a lost disk, or the file deleted. Whether it is an older copy cannot be
    /// told, so the operator is told what follows if it is. Found in a restore drill: such a start said nothing.
    /// </summary>
    private void Unwitnessed() =>
        logger.LogWarning("Storage: the SQLite database {Database} ran before, but its mark ({File}) is not beside it (a new machine or folder, " +
            "the database put back after the disk was lost, or the file deleted), so an older copy put back cannot be noticed. If it is one, " +
            "check-in and chat timers that fell due since the copy run now, late (a check-in she ended with OK texts her and alerts her contact), " +
            "and opt-outs and FORGET sent since are lost. See README, \"Backups\".", _file![..^Suffix.Length], Path.GetFileName(_file));

    public static string Behind(TimeSpan span) => span.TotalHours < 2
        ? $"{span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} minutes"
        : $"{span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} hours";

    private (string Id, long Count)? ReadFile()
    {
        try
        {
            var parts = File.ReadAllText(_file!).Split(' ', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? (parts[0], count) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void WriteFile(string id, long count)
    {
        try
        {
            OwnerOnlyFile.Replace(_file!, $"{id} {count.ToString(CultureInfo.InvariantCulture)}\n");
            Volatile.Write(ref _failing, 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Once until it is written again: it is tried every minute.
            if (Interlocked.Exchange(ref _failing, 1) == 1) return;
            // Its row was just written in the database's own pages; a text that needs a new one will not be.
            if (DiskFull.Is(ex))
                logger.LogError("Storage: the disk holding the database is full ({File} was not written): texts that need more room " +
                    "get the fallback until space is freed on it", _file);
            else logger.LogWarning("Storage: {File} was not written: {Fault}; a copy of the database put back later may go unnoticed", _file, ex.GetType().Name);
        }
    }

    /// <summary>
    /// Makes the mark when missing (with this id), counts it up (to <paramref name="to"/>, when given), and returns the
    /// new count; <see cref="Id"/> is then the mark's id.
    /// </summary>
    private sealed class Step(string newId, long? to = null) : ISqliteWrite
    {
        public string? Id { get; private set; } = newId;

        public int Apply(SqliteConnection connection, SqliteTransaction transaction)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS line_mark (id INTEGER PRIMARY KEY CHECK (id = 1), mark_id TEXT NOT NULL, count INTEGER NOT NULL);
                INSERT INTO line_mark (id, mark_id, count) VALUES (1, $id, 0) ON CONFLICT (id) DO NOTHING;
                UPDATE line_mark SET count = coalesce($to, count + 1) WHERE id = 1 RETURNING mark_id, count;
                """;
            command.Parameters.AddWithValue("$id", Id);
            command.Parameters.AddWithValue("$to", to is { } value ? value : DBNull.Value);
            using var reader = command.ExecuteReader();
            do
            {
                if (reader.FieldCount == 2 && reader.Read())
                {
                    Id = reader.GetString(0);
                    return checked((int)reader.GetInt64(1));
                }
            }
            while (reader.NextResult());
            throw new InvalidOperationException("line_mark was not counted up");
        }
    }
}
