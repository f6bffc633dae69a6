using WestmontTextLine.Spool;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// An opt-out spool filled to its capacity with other texters' opt-outs: the next opt-out it is asked to keep is held
/// in memory only (<see cref="OptOutKept.InMemoryOnly"/>).
/// </summary>
public static class SpoolFilled
{
    public static void ToCapacity(OptOutSpool spool, DateTimeOffset at)
    {
        for (var i = 0; spool.Count < OptOutSpool.Capacity; i++) Assert.True(spool.Keep(new SpooledOptOut($"waiting{i}", at, null, null, OptOutSource.Stop)));
    }
}
