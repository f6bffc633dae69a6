using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>The session store contract on the in-memory store that `chat` uses: it must behave as the real ones.</summary>
public sealed class InMemorySessionStoreContractTests : SessionStoreContract
{
    protected override ISessionStore Store { get; } = new InMemorySessionStore();
}
