using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WestmontTextLine.Storage;

/// <summary>
/// One of SQLite's own prepared statements (SQLitePCL, under Microsoft.Data.Sqlite), bound by position: for the
/// statements every text runs, where Microsoft.Data.Sqlite's parameter objects would cost more than the SQL. Runs in
/// whatever transaction the connection has open. Not thread-safe: one caller at a time, on the owning connection.
/// </summary>
internal sealed class SqliteRawStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    public SqliteRawStatement(SqliteConnection connection, string sql)
    {
        _connection = connection;
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement));
    }

    public SqliteRawStatement Text(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    public SqliteRawStatement Blob(int index, byte[]? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_blob(_statement, index, value));
        return this;
    }

    public SqliteRawStatement Integer(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public SqliteRawStatement Integer(int index, long? value)
    {
        Check(value is { } integer ? raw.sqlite3_bind_int64(_statement, index, integer) : raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    /// <summary>Runs a statement that returns no rows; returns how many rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var step = raw.sqlite3_step(_statement);
            if (step != raw.SQLITE_DONE) throw Error(step);
            return raw.sqlite3_changes(_connection.Handle);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Runs a query for one integer: null when it returns no row or NULL.</summary>
    public long? QueryInteger()
    {
        try
        {
            var step = raw.sqlite3_step(_statement);
            if (step == raw.SQLITE_DONE) return null;
            if (step != raw.SQLITE_ROW) throw Error(step);
            return raw.sqlite3_column_type(_statement, 0) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(_statement, 0);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>The query's first row, read by <paramref name="read"/>; null when it returns none.</summary>
    public T? QueryFirst<T>(Func<SqliteRawStatement, T> read) where T : class
    {
        try
        {
            var step = raw.sqlite3_step(_statement);
            if (step == raw.SQLITE_DONE) return null;
            if (step != raw.SQLITE_ROW) throw Error(step);
            return read(this);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Each row of a query, read by <paramref name="read"/> through <see cref="ColumnInteger"/> and <see cref="ColumnText"/>.</summary>
    public List<T> Query<T>(Func<SqliteRawStatement, T> read)
    {
        var rows = new List<T>();
        try
        {
            int step;
            while ((step = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW) rows.Add(read(this));
            if (step != raw.SQLITE_DONE) throw Error(step);
            return rows;
        }
        finally
        {
            Reset();
        }
    }

    public long ColumnInteger(int index) => raw.sqlite3_column_int64(_statement, index);

    public bool ColumnIsNull(int index) => raw.sqlite3_column_type(_statement, index) == raw.SQLITE_NULL;

    public byte[] ColumnBlob(int index) => raw.sqlite3_column_blob(_statement, index).ToArray();

    public string? ColumnText(int index) =>
        raw.sqlite3_column_type(_statement, index) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(_statement, index).utf8_to_string();

    private void Reset()
    {
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK) throw Error(result);
    }

    private SqliteException Error(int result) =>
        new(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), result, raw.sqlite3_extended_errcode(_connection.Handle));

    public void Dispose() => _statement.Dispose();
}
