namespace WestmontTextLine.Storage;

/// <summary>
/// The SQLite tables. sender_key is the keyed hash of a phone number; no number or message text is stored.
/// health_probe is one row that /healthz rewrites through the writer, to prove a write reaches the disk without
/// touching a real row. last_activity has no index on purpose: every text changes it, and an index would double the pages each save
/// writes, while the only query over it is the hourly retention sweep, for which a scan is cheap.
/// </summary>
public static class SqliteSchema
{
    /// <summary>A session's columns, the same in sessions and in session_log.</summary>
    private const string SessionColumnDefinitions = """
        node             TEXT NOT NULL,
        language         TEXT NOT NULL,
        last_activity    INTEGER NOT NULL,
        opted_out        INTEGER NOT NULL,
        last_message_sid TEXT,
        last_reply       TEXT,
        choices          TEXT,
        version          INTEGER NOT NULL,
        earlier_sids     TEXT,
        recent_answers   TEXT,
        handoff          INTEGER NOT NULL DEFAULT 0,
        opted_in_at      INTEGER
        """;

    public const string Create = $"""
        CREATE TABLE IF NOT EXISTS sessions (
            sender_key       TEXT PRIMARY KEY,
            {SessionColumnDefinitions}
        );
        DROP INDEX IF EXISTS sessions_last_activity;
        """;

    /// <summary>
    /// The session log: each committed session change, appended in seq order (the rowid, so every append lands at the
    /// end of the table's B-tree instead of on a random page), and folded into sessions off the reply path. A row is
    /// always newer than the sender's row in sessions; a fold writes a sender's newest row there and deletes every
    /// row up to it in one transaction. No index: the store keeps, in memory, which rows each sender has.
    /// </summary>
    public const string CreateSessionLog = $"""
        CREATE TABLE IF NOT EXISTS session_log (
            seq              INTEGER PRIMARY KEY,
            sender_key       TEXT NOT NULL,
            {SessionColumnDefinitions}
        );
        """;

    public const string CreateHealthProbe = """
        CREATE TABLE IF NOT EXISTS health_probe (
            id         INTEGER PRIMARY KEY,
            checked_at INTEGER NOT NULL
        );
        """;

    /// <summary>
    /// Columns added since the first release, for a database made before them (in sessions and session_log):
    /// (column, its definition).
    /// </summary>
    public static readonly (string Column, string Definition)[] AddedColumns =
        [("earlier_sids", "TEXT"), ("recent_answers", "TEXT"), ("handoff", "INTEGER NOT NULL DEFAULT 0"), ("opted_in_at", "INTEGER")];

    /// <summary>Anonymous usage counts: a day, a metric name from a closed vocabulary, a number. Nothing links a row to a sender.</summary>
    public const string CreateUsage = """
        CREATE TABLE IF NOT EXISTS usage (
            day    TEXT NOT NULL,
            metric TEXT NOT NULL,
            count  INTEGER NOT NULL,
            PRIMARY KEY (day, metric)
        );
        """;
}
