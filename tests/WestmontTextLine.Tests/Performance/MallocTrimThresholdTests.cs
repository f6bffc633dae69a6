using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Performance;

/// <summary>
/// The line keeps what its SQLite writer's statements free at the top of malloc's arenas instead of giving it back to
/// the kernel after every statement and faulting it in again for the next (issue 18: glibc's <c>sysmalloc</c> was the
/// largest single frame under load; bench/README.md).
/// </summary>
[Collection(MallocTrimCollection.Name)]
public class MallocTrimThresholdTests
{
    private const int Freed = 512 * 1024;

    [Fact]
    public async Task Once_the_line_has_started_malloc_keeps_half_a_megabyte_freed_at_an_arenas_top()
    {
        if (!OperatingSystem.IsLinux()) return;
        MallocProbe.SetTrimThreshold(MallocProbe.GlibcDefaultTrimThreshold);

        await using var factory = new TextLineFactory();
        await factory.CreateTwilioClient("+16305550482").TextAsync("hi");
        // Other threads share the arenas: of three tries, at least two must see the freed blocks kept (without the
        // line's setting each gives back about 400 KB; an arena another thread has just grown may go either way).
        var gaveBack = Enumerable.Range(0, 3).Select(_ => MallocProbe.GaveBackAfterFreeing(Freed)).ToList();

        Assert.True(gaveBack.Count(bytes => bytes < 128 * 1024) >= 2, $"malloc gave back {string.Join(", ", gaveBack.Select(bytes => $"{bytes >> 10} KB"))} of {Freed >> 10} KB freed");
    }
}
