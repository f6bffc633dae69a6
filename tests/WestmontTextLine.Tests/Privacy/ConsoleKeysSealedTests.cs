using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WestmontTextLine.Tests.Console;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Privacy;

/// <summary>
/// The console's data-protection keys sign its cookies: whoever reads one can make a signed-in staff member's cookie,
/// and with it read every open chat in the inbox. They were written as the framework writes them unprotected (its
/// "the key below is in an unencrypted form"), so a leaked Redis dump or a copy of the key folder was enough. They are
/// now sealed under the line's encryption key, like every other record: a copy is no use without the key.
/// </summary>
public sealed class ConsoleKeysSealedTests
{
    [Fact]
    public async Task The_console_key_files_beside_the_database_are_sealed()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-console-sealed-{Guid.NewGuid():N}.db");
        ConsoleClient signedIn;
        using (var before = new TextLineFactory { DatabasePath = database, KeepDatabase = true })
        {
            signedIn = await before.SignedInAsync("alice");
        }
        var folder = Path.Combine(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database) + ".console-keys");
        var files = Directory.GetFiles(folder, "key-*.xml");
        Assert.NotEmpty(files);
        foreach (var file in files) AssertSealed(File.ReadAllText(file));

        // Read back by the next start: a sign-in still outlives a restart.
        using var after = new TextLineFactory { DatabasePath = database };
        after.Clock.AdjustTime(signedIn.Factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        using var sameCookies = signedIn.CopyCookies(after);
        Assert.Contains("Signed in as alice", await sameCookies.GetPageAsync("/Simulator"));
    }

    [Fact]
    public async Task The_console_keys_in_redis_are_sealed()
    {
        using var redis = RedisServer.Start();
        using var line = new RedisTextLineFactory(redis.ConnectionString);
        using var signedIn = await line.SignedInAsync("alice");

        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = await connection.GetDatabase().ListRangeAsync(WestmontTextLine.Console.ConsoleKeyStorage.RedisKey);
        Assert.NotEmpty(keys);
        foreach (var key in keys) AssertSealed(key.ToString());
    }

    private static void AssertSealed(string xml)
    {
        Assert.DoesNotContain("unencrypted", xml);
        Assert.DoesNotContain("<value>", xml);
        Assert.Contains("<encryptedSecret", xml);
    }
}

/// <summary>After `rekey` and the previous key's removal, the sealed console keys open no more: the console must make a new one, not fail.</summary>
public sealed class ConsoleKeysUnderAnotherKeyTests
{
    [Fact]
    public void Console_keys_sealed_under_another_encryption_key_are_passed_over_for_a_new_one()
    {
        var folder = Directory.CreateTempSubdirectory("textline-console-keys-").FullName;
        try
        {
            Protector(folder, "old key").Protect("signed before the key change");

            var after = Protector(folder, "new key");
            Assert.Equal("signed after", after.Unprotect(after.Protect("signed after")));
            Assert.Equal(2, Directory.GetFiles(folder, "key-*.xml").Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IDataProtector Protector(string folder, string key)
    {
        var services = new ServiceCollection();
        var cipher = new WestmontTextLine.Privacy.PersonalDataCipher(System.Text.Encoding.UTF8.GetBytes(key));
        services.AddSingleton(cipher);
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(folder));
        services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new WestmontTextLine.Console.ConsoleKeyEncryptor(cipher));
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
    }
}
