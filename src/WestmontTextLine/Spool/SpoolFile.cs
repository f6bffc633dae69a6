using System.Diagnostics.CodeAnalysis;
using System.Text;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Spool;

/// <summary>
/// What the store refused, kept on local disk until it is written there: one line an item, appended and flushed to the
/// disk (fsync) before <see cref="TryAppend"/> returns, so it survives a kill -9 and a power cut: an opt-out confirmed,
/// a SID whose message would otherwise stay at Twilio with her number and words, an outcome she must hear of. The
/// file is the line account's only (600, as <see cref="OwnerOnlyFile"/> makes the copy marks), holds at most
/// <see cref="Capacity"/> lines, and is rewritten without the lines written through (<see cref="Remove"/>), or deleted
/// once none is left. A line torn by a crash mid-append (no newline after it) is left out when the file is read. With no
/// path (an in-memory database) the lines live in memory only.
/// </summary>
public sealed class SpoolFile : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private FileStream? _append;

    public SpoolFile(string? path, int capacity)
    {
        Path = path;
        Capacity = capacity;
        if (path is null || !File.Exists(path)) return;
        var text = File.ReadAllText(path);
        var end = text.LastIndexOf('\n');
        if (end < 0) return;
        _lines.AddRange(text[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(capacity));
    }

    public string? Path { get; }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate) return _lines.Count;
        }
    }

    /// <summary>The lines waiting, oldest first.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate) return [.. _lines];
        }
    }

    /// <returns>False when it is not kept: the file is full, or the disk refused it.</returns>
    public bool TryAppend(string line) => TryAppend(line, out _);

    /// <returns>False when it is not kept, and <paramref name="refused"/> says why: the file is full, or the disk refused it.</returns>
    public bool TryAppend(string line, [NotNullWhen(false)] out SpoolRefusal? refused)
    {
        lock (_gate)
        {
            refused = _lines.Count >= Capacity ? SpoolRefusal.SpoolFull : Path is null ? null : Write(line);
            if (refused is not null) return false;
            _lines.Add(line);
            return true;
        }
    }

    /// <summary>Takes these lines (one occurrence each) out of the file: rewritten without them, or deleted when empty.</summary>
    /// <exception cref="IOException">The file could not be rewritten: it keeps them, and they are written through again.</exception>
    public void Remove(IEnumerable<string> written)
    {
        lock (_gate)
        {
            var removed = false;
            foreach (var line in written) removed |= _lines.Remove(line);
            if (removed && Path is not null) Rewrite();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _append?.Dispose();
            _append = null;
        }
    }

    /// <returns>Null when written; why not when the disk refused it.</returns>
    private SpoolRefusal? Write(string line)
    {
        long before = 0;
        try
        {
            if (_append is null)
            {
                // Unbuffered: a line goes to the file in the one write below. A buffered stream kept a line the full
                // disk had refused and wrote it again when disposed, which threw out of the catch below: the text got
                // a 500, and every later one too, from the stream left disposed (found by bench/run-faults.sh).
                var options = OwnerOnlyFile.Options(FileMode.Append);
                options.BufferSize = 0;
                _append = new FileStream(Path!, options);
                DirectoryFlush.Flush(FolderOf(Path!));
            }
            before = _append.Length;
            _append.Write(Encoding.UTF8.GetBytes(line + "\n"));
            _append.Flush(flushToDisk: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full disk may have taken part of the line: cut it off, so the next line starts on its own.
            var append = _append;
            _append = null;
            try
            {
                append?.SetLength(before);
            }
            catch (Exception cut) when (cut is IOException or UnauthorizedAccessException)
            {
                // Then the torn line is left out when the file is read, and the next append may join it: both are
                // refused by their reader as not well formed, never read as something else.
            }
            append?.Dispose();
            return SpoolRefusal.DiskRefused(ex);
        }
    }

    private void Rewrite()
    {
        _append?.Dispose();
        _append = null;
        if (_lines.Count == 0)
        {
            File.Delete(Path!);
            return;
        }
        OwnerOnlyFile.Replace(Path!, string.Concat(_lines.Select(line => line + "\n")), flushToDisk: true);
        DirectoryFlush.Flush(FolderOf(Path!));
    }

    private static string FolderOf(string path) => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
}
