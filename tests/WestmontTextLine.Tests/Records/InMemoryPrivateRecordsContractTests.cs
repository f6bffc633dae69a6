using WestmontTextLine.Records;

namespace WestmontTextLine.Tests.Records;

/// <summary>The private-records contract on the in-memory store: it must behave as the stored ones.</summary>
public sealed class InMemoryPrivateRecordsContractTests : PrivateRecordsContract
{
    private readonly InMemoryPrivateRecords _records = new();

    protected override IPrivateRecords Records => _records;

    protected override IPrivateRecords OtherInstance => _records;
}
