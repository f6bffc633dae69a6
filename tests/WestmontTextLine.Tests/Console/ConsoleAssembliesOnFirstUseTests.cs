using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Console;

/// <summary>
/// A line that is only texted maps none of the console's sign-in assemblies: they are the console's first page's to
/// load. Its own process, since a test host shares its assemblies with every other test.
/// </summary>
public sealed class ConsoleAssembliesOnFirstUseTests
{
    [Fact]
    public async Task A_line_that_has_started_and_answered_a_text_maps_neither_data_protection_nor_XML()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-mapped-{Guid.NewGuid():N}.db");
        try
        {
            await using var line = await LineProcess.StartAsync(database);
            Assert.Contains("Westmont Text Line", await line.ReplyAsync(TestNumbers.Next(), "Hi", "SM" + Guid.NewGuid().ToString("N")));

            var mapped = line.MappedFileNames();
            Assert.Contains("WestmontTextLine.dll", mapped);
            Assert.DoesNotContain("Microsoft.AspNetCore.DataProtection.dll", mapped);
            Assert.DoesNotContain("System.Private.Xml.Linq.dll", mapped);
            Assert.DoesNotContain("System.Private.Xml.dll", mapped);
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }
}
