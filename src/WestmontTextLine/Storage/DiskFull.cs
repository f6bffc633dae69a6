using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WestmontTextLine.Storage;

/// <summary>
/// Whether a write failed because the disk is full: SQLite's SQLITE_FULL, or a file's IOException for ENOSPC (Linux
/// and macOS give the errno as its HResult) or Windows' disk-full errors, anywhere among its inner exceptions. Named
/// as such in the log: "IOException" alone read like any other fault, and the operator had to guess.
/// </summary>
public static class DiskFull
{
    private const int NoSpaceLeftOnDevice = 28; // ENOSPC
    private const int WindowsDiskFull = unchecked((int)0x80070070); // ERROR_DISK_FULL
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027); // ERROR_HANDLE_DISK_FULL

    public static bool Is(Exception? failure) => failure switch
    {
        null => false,
        SqliteException { SqliteErrorCode: raw.SQLITE_FULL } => true,
        IOException { HResult: NoSpaceLeftOnDevice or WindowsDiskFull or WindowsHandleDiskFull } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(Is),
        _ => Is(failure.InnerException),
    };
}
