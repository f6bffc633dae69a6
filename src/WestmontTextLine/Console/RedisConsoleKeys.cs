using System.Diagnostics;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using StackExchange.Redis;
using WestmontTextLine.Logging;

namespace WestmontTextLine.Console;

/// <summary>
/// The console's data-protection keys in Redis, held in memory and read asynchronously. Data protection asks for them
/// synchronously (<see cref="IXmlRepository"/> has no async form), and the first page that needed them (a form's token,
/// a cookie to read) built the key ring on its own thread, waiting on Redis: on a starved thread pool that wait ran past
/// the line's timeout and the page answered 503. So they are read before the console's first page
/// (<see cref="LoadAsync"/>, awaited by its branch), when another instance writes one (<see cref="ConsoleKeysWritten"/>),
/// by <see cref="ConsoleKeysWatch"/> before it has the key ring read again, and once more after a key is written here;
/// data protection's reads take the copy held, and never wait on Redis once one is.
/// <para>
/// Each of data protection's reads also starts a read of Redis behind it (one at a time, at most one every
/// <see cref="ReadBehindAtMostEvery"/>): when Redis holds what the copy lacks, the copy takes it and data protection
/// reads its keys again (<paramref name="changed"/>). The read that mattered is the one a cookie or form naming a key the
/// key ring lacks makes, in the instance's first two minutes, on the request's own thread: it read Redis there, and
/// anyone can send such a cookie (a forged one, with a random key id), so a flood of them held request threads on
/// Redis, for its whole timeout while Redis did not answer. Such a cookie is now refused at once (signed out).
/// </para>
/// </summary>
public sealed class RedisConsoleKeys(Func<IDatabase> database, ILogger<RedisConsoleKeys> logger, Action? changed = null) : IXmlRepository
{
    /// <summary>The least time between two reads of Redis started by data protection's reads of the copy.</summary>
    public static readonly TimeSpan ReadBehindAtMostEvery = TimeSpan.FromSeconds(1);

    private const string RedisKey = ConsoleKeyStorage.RedisKey;

    private readonly Lock _gate = new();
    private IReadOnlyList<string>? _held;
    // Each read of Redis takes a number before it is sent; the copy takes a read's answer only if no later-sent read's
    // answer came first (a read sent before a key was written never replaces one sent after).
    private long _readsSent;
    private long _heldFromRead;
    private bool _loaded;
    private bool _subscribed;
    private Task? _loading;
    private bool _readingBehind;
    private long? _readBehindStartedAt;

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

    /// <summary>Redis's keys as they are now, read asynchronously into the copy data protection reads.</summary>
    public async Task<IReadOnlyList<string>> ReadAheadAsync() => (await ReadIntoCopyAsync()).Elements;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        IReadOnlyList<string>? elements;
        bool readBehind;
        lock (_gate)
        {
            elements = _held;
            readBehind = elements is not null && ReadBehindIsDue();
        }
        if (readBehind) _ = ReadBehindAsync();
        // Nothing held yet: the read before the first page failed, and this one is the key ring's first build.
        elements ??= ReadNow();
        return [.. elements.Select(element => XElement.Parse(element))];
    }

    /// <summary>
    /// Written to Redis, then all of them read back for data protection's next read (the one that follows at once, with
    /// the new key): with another instance's key too, if it wrote one meanwhile (two consoles first used at once).
    /// </summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        database().ListRightPush(RedisKey, element.ToString(SaveOptions.DisableFormatting));
        ReadNow();
        // After the copy took it: this instance hears its own news too, and finds nothing new.
        ConsoleKeysWritten.Announce(database());
    }

    private async Task LoadOnceAsync()
    {
        try
        {
            if (!_subscribed)
            {
                // Before the read, so that no key written between the two goes unnoticed.
                await ConsoleKeysWritten.SubscribeAsync(database(), () => _ = ReadAndTellAsync());
                _subscribed = true;
            }
            await ReadIntoCopyAsync();
            Volatile.Write(ref _loaded, true);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Console: the sign-in keys were not read from Redis: {Fault} ({Type}); the next page tries again",
                FaultMessage.Of(ex), ex.GetType().Name);
        }
    }

    // Called under _gate: whether this read of the copy starts one of Redis (none running, none started lately).
    private bool ReadBehindIsDue()
    {
        if (_readingBehind) return false;
        var now = Stopwatch.GetTimestamp();
        if (_readBehindStartedAt is { } startedAt && Stopwatch.GetElapsedTime(startedAt, now) < ReadBehindAtMostEvery) return false;
        (_readBehindStartedAt, _readingBehind) = (now, true);
        return true;
    }

    private async Task ReadBehindAsync()
    {
        try
        {
            await ReadAndTellAsync();
        }
        finally
        {
            lock (_gate) _readingBehind = false;
        }
    }

    /// <summary>Reads Redis's keys into the copy, and has data protection read them again if they changed.</summary>
    private async Task ReadAndTellAsync()
    {
        try
        {
            if (!(await ReadIntoCopyAsync()).Changed) return;
            logger.LogInformation("Console: read the sign-in keys again: Redis holds one this instance did not");
            changed?.Invoke();
        }
        catch (Exception ex)
        {
            // The next read of the copy tries again, and the watch looks every 10 seconds.
            logger.LogDebug("Console: the sign-in keys in Redis were not read: {Fault}", ex.GetType().Name);
        }
    }

    /// <summary>Reads Redis's keys into the copy; changed when the copy took them and they differ from what it held.</summary>
    private async Task<(IReadOnlyList<string> Elements, bool Changed)> ReadIntoCopyAsync()
    {
        var read = Interlocked.Increment(ref _readsSent);
        var elements = Strings(await database().ListRangeAsync(RedisKey));
        return (elements, Hold(read, elements));
    }

    private IReadOnlyList<string> ReadNow()
    {
        var read = Interlocked.Increment(ref _readsSent);
        var elements = Strings(database().ListRange(RedisKey));
        Hold(read, elements);
        return elements;
    }

    private static IReadOnlyList<string> Strings(RedisValue[] elements) => [.. elements.Select(element => (string)element!)];

    private bool Hold(long read, IReadOnlyList<string> elements)
    {
        lock (_gate)
        {
            if (read < _heldFromRead) return false;
            var differs = _held is not { } held || !held.SequenceEqual(elements);
            (_held, _heldFromRead) = (elements, read);
            return differs;
        }
    }
}
