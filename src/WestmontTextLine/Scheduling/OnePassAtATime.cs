namespace WestmontTextLine.Scheduling;

/// <summary>
/// A worker's passes run one at a time in this process. Its own loop runs them one after another anyway; a pass run
/// by hand (the tests) waits for one in flight, so that when it returns, what that one had claimed is done too: a
/// claimed item is leased, so a second pass alongside it would find nothing and return before it was sent.
/// </summary>
public sealed class OnePassAtATime
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task RunAsync(Func<CancellationToken, Task> pass, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await pass(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
