namespace WestmontTextLine.Storage;

/// <summary>
/// A database file that is missing while its WAL or shared-memory file is still beside it was deleted or moved, not
/// never made (kill -9 leaves both; the WAL alone may have been deleted too). Starting would create a new, empty
/// database in silence, and every opt-out, check-in and private record would be gone: a texter who sent STOP would be
/// welcomed again.
/// </summary>
public static class MissingDatabase
{
    public static void RefuseIfDeleted(string databasePath)
    {
        if (File.Exists(databasePath) || (LeftoverWal.Beside(databasePath) is null && !LeftoverWal.HoldsAnything(databasePath + "-shm"))) return;
        var name = Path.GetFileName(databasePath);
        throw new StorageUnavailableException(
            $"Storage:ConnectionString: the SQLite database {databasePath} is missing, but its {name}-wal or {name}-shm is beside it: " +
            "the database was deleted or moved, and a new, empty one would lose every opt-out and check-in. " +
            $"Restore {name} from a copy (delete {name}-wal and {name}-shm first), or, to start afresh on purpose, delete {name}-wal and {name}-shm.");
    }
}
