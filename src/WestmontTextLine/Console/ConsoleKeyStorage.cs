using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WestmontTextLine.Settings;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console;

/// <summary>
/// Where the data-protection keys (which sign the console's cookies and antiforgery tokens) are kept: beside the
/// SQLite database, or in Redis for several instances, so a sign-in survives a restart and works on every instance.
/// Each is sealed under the line's encryption key first (<see cref="ConsoleKeyEncryptor"/>). In Redis they are held in
/// memory once read (<see cref="RedisConsoleKeys"/>), so a page never waits on Redis for them, nor for a key they lack.
/// </summary>
public sealed class ConsoleKeyStorage(IServiceProvider services, IOptions<StorageOptions> storage, AppRoot appRoot) : IConfigureOptions<KeyManagementOptions>
{
    public const string RedisKey = "wtl:data-protection-keys";

    public void Configure(KeyManagementOptions options)
    {
        options.XmlRepository = storage.Value.Is(StorageOptions.Redis)
            ? new RedisConsoleKeys(() => RedisEngine.Of(services).GetDatabase(), services.GetRequiredService<ILogger<RedisConsoleKeys>>(),
                changed: () => services.GetRequiredService<ReloadableKeyManager>().ReadAgain())
            : new FileSystemXmlRepository(new DirectoryInfo(KeyFolder()), services.GetRequiredService<ILoggerFactory>());
        options.XmlEncryptor = new ConsoleKeyEncryptor(services.GetRequiredService<Privacy.PersonalDataCipher>());
    }

    /// <summary>The console's keys in Redis, when they are kept there; <c>null</c> on SQLite.</summary>
    public static RedisConsoleKeys? InRedis(IServiceProvider console) =>
        console.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository as RedisConsoleKeys;

    /// <summary>
    /// What the console's branch awaits before each page: the keys in Redis read ahead (<see cref="RedisConsoleKeys.LoadAsync"/>),
    /// since its thread waited on Redis when data protection read them itself; nothing on SQLite.
    /// </summary>
    public static Func<Task> LoadAhead(IServiceProvider console) =>
        InRedis(console) is { } keys ? keys.LoadAsync : static () => Task.CompletedTask;

    private string KeyFolder()
    {
        var database = SqliteFileWatch.PathOf(SqliteConnectionStrings.Resolve(storage.Value.ConnectionString, appRoot.Path));
        // Named after the database, so two lines whose databases share a folder never share keys.
        var folder = database is null
            ? appRoot.Resolve(Path.Combine("data", "console-keys"))
            : Path.Combine(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database) + ".console-keys");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
