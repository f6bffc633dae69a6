namespace WestmontTextLine.Storage;

/// <summary>
/// A connection beside the writer's could not open the database file: it is no longer at its path (deleted or moved
/// while the writer has it open). What needed the connection (a store first built after that, a background worker)
/// cannot work; the writer goes on in the file it has, and /healthz says what happened
/// (<see cref="SqliteFileWatch"/>).
/// </summary>
public sealed class SqliteFileGoneException(SqliteFileProblem problem, Exception inner) : StorageUnavailableException(problem.What, inner)
{
    public SqliteFileProblem Problem { get; } = problem;
}
