using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The start-up log names the database the line answers from, and warns when this start created it: a mistyped
/// Storage:ConnectionString (or an empty one, which falls back to data/textline.db) starts on a new, empty database
/// that knows no opt-out, and the operator reading the log could not tell.
/// </summary>
public sealed class StoreNamedAtStartTests
{
    private const string Created = "did not exist and was created empty";

    [Fact]
    public async Task A_start_that_creates_the_database_warns_and_names_it_and_a_later_start_only_names_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"textline-named-{Guid.NewGuid():N}.db");
        try
        {
            await using (var first = new TextLineFactory { DatabasePath = path, KeepDatabase = true })
            {
                await first.CreateTwilioClient().TextAsync("hi");
                Assert.Single(first.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal)
                    && line.Contains(path, StringComparison.Ordinal) && line.Contains(Created, StringComparison.Ordinal)
                    && line.Contains("Storage:ConnectionString", StringComparison.Ordinal));
            }

            await using var second = new TextLineFactory { DatabasePath = path };
            await second.CreateTwilioClient().TextAsync("hi");
            Assert.DoesNotContain(second.Logs.Lines, line => line.Contains(Created, StringComparison.Ordinal));
            Assert.Single(second.Logs.Lines, line => line.StartsWith("Information", StringComparison.Ordinal)
                && line.Contains($"Storage: SQLite database {path}", StringComparison.Ordinal));
        }
        finally
        {
            SqliteFiles.Delete(path);
        }
    }
}
