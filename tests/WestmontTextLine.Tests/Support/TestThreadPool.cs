using System.Runtime.CompilerServices;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// The test process runs dozens of lines at once on two cores, where production runs one a process. At the start of a
/// run, with every class starting together, synchronous calls made on pool threads (the tests' own waits, and a new
/// console sign-in key written to Redis) can wait behind a starved pool, which adds a thread about every half second,
/// and meet the line's 1.5 s Redis timeout: a console page answered 503 once in a fresh-clone CI run
/// (ConsoleKeysSealedTests, 44 s in, when the key ring still read Redis synchronously; it passed 6 of 6 runs under two
/// CPU burners after). The pool starts wider here.
/// </summary>
internal static class TestThreadPool
{
    private const int Threads = 32;

    [ModuleInitializer]
    internal static void StartWider()
    {
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, Threads), Math.Max(completions, Threads));
    }
}
