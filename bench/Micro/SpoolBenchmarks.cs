using BenchmarkDotNet.Attributes;
using WestmontTextLine.Spool;

namespace WestmontTextLine.Bench;

/// <summary>
/// One append to a spool file (<see cref="SpoolFile.TryAppend"/>) of a MessageSid, as each text answered with the
/// fallback while the store fails appends to the deletions spool: written and flushed to the disk (fsync). Alone, and
/// 8 texts at once (a burst during an outage: the time is for all 8, which is how long the last one waits). The file is
/// in the system's temporary folder: put TMPDIR on the disk the line's data folder is on.
/// </summary>
public class SpoolAppend
{
    private const string Sid = "SM0123456789abcdef0123456789abcdef";

    [Params(1, 8)]
    public int AtOnce { get; set; }

    private string _folder = null!;
    private SpoolFile _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("textline-spool-bench-").FullName;
        // Room for every append of the run: a full file refuses at once and would measure nothing.
        _file = new SpoolFile(Path.Combine(_folder, "bench.deletions.spool"), int.MaxValue);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _file.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public void Append()
    {
        if (AtOnce == 1)
        {
            _file.TryAppend(Sid);
            return;
        }
        Parallel.For(0, AtOnce, new ParallelOptions { MaxDegreeOfParallelism = AtOnce }, _ => _file.TryAppend(Sid));
    }
}
