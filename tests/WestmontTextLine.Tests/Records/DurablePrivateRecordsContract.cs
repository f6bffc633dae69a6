using WestmontTextLine.Records;

namespace WestmontTextLine.Tests.Records;

/// <summary>
/// What the stored records add to the contract: what a finished call wrote is there for the next process. The old
/// store is left as a crash leaves it (never closed) while a new one opens the same file or Redis.
/// </summary>
public abstract class DurablePrivateRecordsContract : PrivateRecordsContract
{
    /// <summary>A new store over the same file or Redis, as a restarted line opens it.</summary>
    protected abstract IPrivateRecords Restart();

    [Fact]
    public async Task Records_with_their_versions_payloads_and_expiry_survive_a_restart_and_go_on_from_there()
    {
        var plan = NewKey();
        var consent = NewKey();
        var deleted = NewKey();
        await Records.TryPutAsync(Kind, plan, [1], 0, null, Now);
        await Records.TryPutAsync(Kind, plan, [0, 2, 0], 1, Now.AddMinutes(90), Now);
        await Records.TryPutAsync("buddy", consent, [3], 0, null, Now);
        await Records.TryPutAsync(Kind, deleted, [4], 0, null, Now);
        await Records.DeleteAsync(Kind, deleted);

        var restarted = Restart();

        AssertRecord(await restarted.GetAsync(Kind, plan, Now), [0, 2, 0], 2, Now.AddMinutes(90));
        Assert.Null(await restarted.GetAsync(Kind, plan, Now.AddMinutes(90)));
        Assert.Equal([3], (await restarted.GetAsync("buddy", consent, Now.AddYears(1)))!.Payload);
        Assert.Null(await restarted.GetAsync(Kind, deleted, Now));
        Assert.False(await restarted.TryPutAsync(Kind, plan, [5], 1, null, Now));
        Assert.True(await restarted.TryPutAsync(Kind, plan, [5], 2, null, Now));
    }
}
