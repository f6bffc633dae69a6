using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Hosting;

/// <summary>
/// What a text does not need stays unmapped in a line that has started and answered one: the console's sign-in keys
/// (data protection and XML, the console's first page's to load) and libphonenumber (a safety buddy's number, or an
/// on-call phone that is set), and on SQLite the Redis client. Its own process, since a test host shares its assemblies with every other test.
/// </summary>
public sealed class AssembliesLoadedOnFirstUseTests
{
    [Fact]
    public async Task A_line_that_has_started_and_answered_a_text_maps_neither_data_protection_nor_XML_nor_libphonenumber()
    {
        var mapped = await MappedOnceATextIsAnsweredAsync();
        Assert.Contains("WestmontTextLine.dll", mapped);
        Assert.DoesNotContain("Microsoft.AspNetCore.DataProtection.dll", mapped);
        Assert.DoesNotContain("System.Private.Xml.Linq.dll", mapped);
        Assert.DoesNotContain("System.Private.Xml.dll", mapped);
        Assert.DoesNotContain("PhoneNumbers.dll", mapped);
    }

    [Fact]
    public async Task A_line_on_SQLite_that_has_started_and_answered_a_text_does_not_map_the_Redis_client()
    {
        var mapped = await MappedOnceATextIsAnsweredAsync();
        Assert.Contains("Microsoft.Data.Sqlite.dll", mapped);
        Assert.DoesNotContain("StackExchange.Redis.dll", mapped);
    }

    /// <summary>The files the built line maps once it has started (on SQLite, with no on-call phone) and answered a first text.</summary>
    private static async Task<IReadOnlySet<string>> MappedOnceATextIsAnsweredAsync()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-mapped-{Guid.NewGuid():N}.db");
        try
        {
            await using var line = await LineProcess.StartAsync(database);
            Assert.Contains("Westmont Text Line", await line.ReplyAsync(TestNumbers.Next(), "Hi", "SM" + Guid.NewGuid().ToString("N")));
            return line.MappedFileNames();
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }
}
