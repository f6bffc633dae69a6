using WestmontTextLine.Records;

namespace WestmontTextLine.Tests.Console.Accounts;

public sealed class InMemoryStaffUserStoreContractTests : StaffUserStoreContract
{
    private readonly InMemoryPrivateRecords _records = new();

    protected override IPrivateRecords Records => _records;

    protected override IPrivateRecords OtherInstance => _records;
}
