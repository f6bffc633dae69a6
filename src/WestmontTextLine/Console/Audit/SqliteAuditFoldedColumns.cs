using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// audit_log's folded copies (<see cref="AuditFilter.Folded"/>, as Redis keeps them): target_folded, each target in
/// the form "To what" compares, so SQLite finds text in it with instr() alone, not a call into .NET per row; and
/// actor_folded, indexed, so "Who" finds "José" from "JOSÉ" by the index (SQLite's NOCASE folds ASCII only). A file
/// from before a column gets it at start, and its rows without one (every row then; an older build's appends, if one
/// ran on the file since) are filled a batch at a time, found by an index of the unfilled rows (target_folded's
/// partial index; actor_folded's own index), so the next start finds none at no cost.
/// </summary>
internal static class SqliteAuditFoldedColumns
{
    public const string TargetColumn = "target_folded";
    public const string ActorColumn = "actor_folded";

    private const int Batch = 5_000;

    /// <summary>On the writer's connection, at start: the columns, their indexes, and the rows without them filled.</summary>
    public static void Prepare(SqliteConnection connection)
    {
        AddColumn(connection, TargetColumn);
        AddColumn(connection, ActorColumn);
        SqliteConnections.Execute(connection, $"""
            CREATE INDEX IF NOT EXISTS audit_log_unfolded ON audit_log (id) WHERE {TargetColumn} IS NULL;
            CREATE INDEX IF NOT EXISTS audit_log_actor_folded ON audit_log ({ActorColumn});
            """);
        while (FillBatch(connection, TargetColumn, "target") == Batch)
        {
        }
        while (FillBatch(connection, ActorColumn, "actor") == Batch)
        {
        }
    }

    private static void AddColumn(SqliteConnection connection, string column)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = $column";
        columns.Parameters.AddWithValue("$column", column);
        if ((long)columns.ExecuteScalar()! == 0) SqliteConnections.Execute(connection, $"ALTER TABLE audit_log ADD COLUMN {column} TEXT");
    }

    private static int FillBatch(SqliteConnection connection, string column, string source)
    {
        var rows = new List<(long Id, string Text)>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = $"SELECT id, {source} FROM audit_log WHERE {column} IS NULL LIMIT {Batch}";
            using var reader = select.ExecuteReader();
            while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        if (rows.Count == 0) return 0;
        using var transaction = connection.BeginTransaction();
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = $"UPDATE audit_log SET {column} = $folded WHERE id = $id";
        var folded = update.Parameters.Add("$folded", SqliteType.Text);
        var id = update.Parameters.Add("$id", SqliteType.Integer);
        foreach (var row in rows)
        {
            folded.Value = AuditFilter.Folded(row.Text);
            id.Value = row.Id;
            update.ExecuteNonQuery();
        }
        transaction.Commit();
        return rows.Count;
    }
}
