using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Records;

namespace WestmontTextLine.Tests.Support;

/// <summary>The line's own records (SQLite or Redis), counting each read by kind and key.</summary>
public sealed class RecordReadsCounted(IPrivateRecords inner) : ForwardingPrivateRecords(inner)
{
    private readonly ConcurrentDictionary<(string Kind, string Key), int> _reads = new();

    /// <summary>Wraps the records the line registered, whichever store they are on.</summary>
    public static Action<IServiceCollection> Register(Action<RecordReadsCounted> made) => services =>
    {
        var registered = services.Last(d => d.ServiceType == typeof(IPrivateRecords));
        services.Remove(registered);
        services.AddSingleton<IPrivateRecords>(provider =>
        {
            var records = new RecordReadsCounted((IPrivateRecords)registered.ImplementationFactory!(provider));
            made(records);
            return records;
        });
    };

    public int ReadsOf(string kind, string key) => _reads.GetValueOrDefault((kind, key));

    /// <summary>Reads of that kind whatever the key (a mark's key is hashed again with its kind).</summary>
    public int ReadsOfKind(string kind) => _reads.Where(read => read.Key.Kind == kind).Sum(read => read.Value);

    public void Clear() => _reads.Clear();

    public override Task<PrivateRecord?> GetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        _reads.AddOrUpdate((kind, key), 1, (_, count) => count + 1);
        return base.GetAsync(kind, key, now, cancellationToken);
    }
}
