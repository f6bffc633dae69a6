using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>The session store contract on SQLite, on a temporary file.</summary>
public sealed class SqliteSessionStoreContractTests : SessionStoreContract, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-contract-{Guid.NewGuid():N}.db");
    private readonly SqliteSessionStore _store;

    public SqliteSessionStoreContractTests() => _store = new SqliteSessionStore($"Data Source={_path}");

    protected override ISessionStore Store => _store;

    public void Dispose()
    {
        _store.Dispose();
        SqliteFiles.Delete(_path);
    }
}
