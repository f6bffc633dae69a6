using System.Text;
using Microsoft.Data.Sqlite;
using WestmontTextLine.Records;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Console.Accounts;

/// <summary>The staff store on SQLite, on a temporary file, through a shared writer as the line has it.</summary>
public sealed class SqliteStaffUserStoreContractTests : StaffUserStoreContract, IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-staff-{Guid.NewGuid():N}.db");
    private readonly SqliteWriter _writer;
    private readonly SqlitePrivateRecords _records;
    private readonly SqlitePrivateRecords _other;

    public SqliteStaffUserStoreContractTests()
    {
        _writer = new SqliteWriter($"Data Source={_path}");
        _records = new SqlitePrivateRecords(_writer);
        _other = new SqlitePrivateRecords(_writer);
    }

    protected override IPrivateRecords Records => _records;

    protected override IPrivateRecords OtherInstance => _other;

    [Fact]
    public async Task The_authenticator_key_and_the_recovery_codes_are_nowhere_in_the_database_files()
    {
        const string Key = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U";
        string[] codes = ["K2M4P-Q7R9T", "W3X5Y-Z8B2C"];
        var user = await CreateAsync(Store, "ana");
        await Store.SetAuthenticatorKeyAsync(user, Key, default);
        await Store.ReplaceCodesAsync(user, codes, default);
        await Store.UpdateAsync(user, default);
        SqliteFiles.Checkpoint(_path);

        Assert.True(SqliteFiles.Contain(_path, Encoding.UTF8.GetBytes("hash-of-ana")), "the test must see the account's record in the file");
        Assert.False(SqliteFiles.Contain(_path, Encoding.ASCII.GetBytes(Key)), "the authenticator key is readable in the database file");
        Assert.False(SqliteFiles.Contain(_path, Encoding.ASCII.GetBytes(Key.ToLowerInvariant())), "the authenticator key is readable in the database file");
        Assert.False(SqliteFiles.Contain(_path, TotpCodes.Base32(Key)), "the authenticator key's bytes are in the database file");
        foreach (var code in codes) Assert.False(SqliteFiles.Contain(_path, Encoding.ASCII.GetBytes(code)), "a recovery code is readable in the database file");
    }

    public async ValueTask DisposeAsync()
    {
        await _records.DisposeAsync();
        await _other.DisposeAsync();
        await _writer.DisposeAsync();
        SqliteFiles.Delete(_path);
    }
}
