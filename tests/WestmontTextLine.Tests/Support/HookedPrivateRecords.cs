using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Records;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// The line's records on its SQLite file, which run something once just after the nth read, from when it is asked, of a
/// given record: a text of hers sent at that moment of some other work (a race, played in a fixed order).
/// </summary>
public sealed class HookedPrivateRecords(IPrivateRecords inner) : ForwardingPrivateRecords(inner)
{
    private (string Kind, string Key, Func<Task> Action)? _after;
    private int _reads;

    public static Action<IServiceCollection> Register(Action<HookedPrivateRecords> made) => services =>
        services.AddSingleton<IPrivateRecords>(provider =>
        {
            var records = new HookedPrivateRecords(new SqlitePrivateRecords(provider.GetRequiredService<SqliteWriter>()));
            made(records);
            return records;
        });

    public void AfterGet(int read, string kind, string key, Func<Task> action) => (_reads, _after) = (read, (kind, key, action));

    public override async Task<PrivateRecord?> GetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var record = await base.GetAsync(kind, key, now, cancellationToken);
        if (_after is { } after && after.Kind == kind && after.Key == key && --_reads == 0)
        {
            _after = null;
            await after.Action();
        }
        return record;
    }
}
