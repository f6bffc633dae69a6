using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using StackExchange.Redis;
using WestmontTextLine.Logging;

namespace WestmontTextLine.Console;

/// <summary>
/// The console's data-protection keys in Redis, read ahead asynchronously. Data protection asks for them synchronously
/// (<see cref="IXmlRepository"/> has no async form), and the first page that needed them (a form's token, a cookie to
/// read) built the key ring on its own thread, waiting on Redis: on a starved thread pool that wait ran past the line's
/// timeout and the page answered 503. So they are read before the console's first page (<see cref="LoadAsync"/>,
/// awaited by its branch), by <see cref="ConsoleKeysWatch"/> before it has the key ring read again, and once more after a
/// key is written; data protection's next read takes that copy. Any other read goes to Redis as before: data protection
/// rebuilds the key ring in the background while the old one serves (once a day, after a change), and its one read on
/// a request's thread after the first, for a key it does not know in its first two minutes (another instance's, new),
/// must see Redis as it is now.
/// </summary>
public sealed class RedisConsoleKeys(Func<IDatabase> database, ILogger<RedisConsoleKeys> logger) : IXmlRepository
{
    private const string RedisKey = ConsoleKeyStorage.RedisKey;

    private readonly Lock _gate = new();
    private IReadOnlyList<string>? _readAhead;
    private long _storedHere;
    private bool _loaded;
    private Task? _loading;

    /// <summary>Whether the keys were read ahead once since the console was built (its first page then waits on no Redis).</summary>
    public bool IsLoaded => Volatile.Read(ref _loaded);

    /// <summary>
    /// Reads the keys ahead for the key ring's first build, unless done already; one read at a time, shared by whoever
    /// asks meanwhile. A read that fails is logged and left for the next request to try again (data protection then
    /// reads them itself, or the page fails as any page does when its store does not answer).
    /// </summary>
    public Task LoadAsync()
    {
        if (IsLoaded) return Task.CompletedTask;
        lock (_gate)
        {
            if (_loading is { IsCompleted: false } running) return running;
            return _loading = LoadOnceAsync();
        }
    }

    /// <summary>Redis's keys as they are now, read asynchronously (data protection's next read is not given them).</summary>
    public async Task<IReadOnlyList<string>> ReadAsync() =>
        [.. (await database().ListRangeAsync(RedisKey)).Select(element => (string)element!)];

    /// <summary>Redis's keys read ahead for data protection's next read, unless a key was written here meanwhile.</summary>
    public async Task ReadAheadAsync()
    {
        var storedBefore = Interlocked.Read(ref _storedHere);
        var elements = await ReadAsync();
        lock (_gate)
        {
            if (_storedHere == storedBefore) _readAhead = elements;
        }
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = Interlocked.Exchange(ref _readAhead, null) ?? ReadNow();
        return [.. elements.Select(element => XElement.Parse(element))];
    }

    /// <summary>
    /// Written to Redis, then all of them read back for data protection's next read (the one that follows at once, with
    /// the new key): with another instance's key too, if it wrote one meanwhile (two consoles first used at once).
    /// </summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        database().ListRightPush(RedisKey, element.ToString(SaveOptions.DisableFormatting));
        var elements = ReadNow();
        lock (_gate)
        {
            _storedHere++;
            _readAhead = elements;
        }
    }

    private async Task LoadOnceAsync()
    {
        try
        {
            await ReadAheadAsync();
            Volatile.Write(ref _loaded, true);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Console: the sign-in keys were not read from Redis: {Fault} ({Type}); the next page tries again",
                FaultMessage.Of(ex), ex.GetType().Name);
        }
    }

    private IReadOnlyList<string> ReadNow() => [.. database().ListRange(RedisKey).Select(element => (string)element!)];
}
