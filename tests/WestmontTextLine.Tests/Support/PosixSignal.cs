using System.Runtime.InteropServices;

namespace WestmontTextLine.Tests.Support;

/// <summary>Sends a POSIX signal to a process (libc's <c>kill</c>), for the tests that stop, pause or detach a real process.</summary>
internal static class PosixSignal
{
    public const int Interrupt = 2;
    public const int Terminate = 15;
    public const int Continue = 18;
    public const int Stop = 19;

    public static void Send(int processId, int signal, string processName)
    {
        if (kill(processId, signal) != 0) throw new InvalidOperationException($"could not send signal {signal} to {processName} ({processId})");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
