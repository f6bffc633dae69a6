using Microsoft.Extensions.Options;
using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Storage;

/// <summary>Counts the SQLite database's mark up every minute (<see cref="SqliteCopyMark"/>), on SQLite only.</summary>
public sealed class SqliteCopyMarkWorker(IServiceProvider services, IOptions<StorageOptions> options, TimeProvider time, ILogger<SqliteCopyMark> logger)
    : PassWorker(SqliteCopyMark.StepEvery, time)
{
    protected override bool Runs => options.Value.Is(StorageOptions.Sqlite);

    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<SqliteCopyMark>().StepAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug("Storage: the database's mark was not counted up: {Fault}", ex.GetType().Name);
        }
    }
}
