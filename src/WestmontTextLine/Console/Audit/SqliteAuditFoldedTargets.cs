using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// audit_log's target_folded: each target in the form "To what" compares (<see cref="AuditFilter.Folded"/>), so SQLite
/// finds text in it with instr() alone, not a call into .NET per row. A file from before it gets the column at start,
/// and its rows without one (every row then; an older build's appends, if one ran on the file since) are filled a batch
/// at a time; the index of the unfilled rows is empty once they are, so the next start finds none at no cost.
/// </summary>
internal static class SqliteAuditFoldedTargets
{
    public const string Column = "target_folded";

    private const int Batch = 5_000;

    /// <summary>On the writer's connection, at start: the column, its index of rows without it, and those rows filled.</summary>
    public static void Prepare(SqliteConnection connection)
    {
        using (var columns = connection.CreateCommand())
        {
            columns.CommandText = "SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = $column";
            columns.Parameters.AddWithValue("$column", Column);
            if ((long)columns.ExecuteScalar()! == 0) SqliteConnections.Execute(connection, $"ALTER TABLE audit_log ADD COLUMN {Column} TEXT");
        }
        SqliteConnections.Execute(connection, $"CREATE INDEX IF NOT EXISTS audit_log_unfolded ON audit_log (id) WHERE {Column} IS NULL");
        while (FillBatch(connection) == Batch)
        {
        }
    }

    private static int FillBatch(SqliteConnection connection)
    {
        var rows = new List<(long Id, string Target)>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = $"SELECT id, target FROM audit_log WHERE {Column} IS NULL LIMIT {Batch}";
            using var reader = select.ExecuteReader();
            while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        if (rows.Count == 0) return 0;
        using var transaction = connection.BeginTransaction();
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = $"UPDATE audit_log SET {Column} = $folded WHERE id = $id";
        var folded = update.Parameters.Add("$folded", SqliteType.Text);
        var id = update.Parameters.Add("$id", SqliteType.Integer);
        foreach (var row in rows)
        {
            folded.Value = AuditFilter.Folded(row.Target);
            id.Value = row.Id;
            update.ExecuteNonQuery();
        }
        transaction.Commit();
        return rows.Count;
    }
}
