using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// What the line's own files throw on a real full disk. A write that meets it fails with the system's ENOSPC, which
/// <see cref="DiskFull.Is"/> knows. A file created with its size reserved first (a <c>FileStream</c> with a
/// preallocation size, or <c>File.WriteAllText</c> of 8,192 characters or more) fails instead in .NET's own words with
/// the generic I/O code, which it does not know: so the marks and spools never reserve their size, a spool's rewrite
/// of thousands of lines included.
/// </summary>
public sealed class DiskFullOnARealVolumeTests
{
    [SkippableFact]
    public void The_marks_and_spools_written_on_a_full_disk_fail_as_a_full_disk()
    {
        Skip.IfNot(SmallVolume.CanMount, SmallVolume.CannotMount);
        using var volume = SmallVolume.Mount(megabytes: 1);
        volume.Fill();

        var mark = Record.Exception(() => OwnerOnlyFile.Replace(Path.Combine(volume.Path, "textline.db.mark"), "copy 1\n"));
        var rewrite = Record.Exception(() => OwnerOnlyFile.Replace(Path.Combine(volume.Path, "textline.db.deletions.spool"),
            string.Concat(Enumerable.Repeat("SM0123456789abcdef0123456789abcdef\n", 2_000)), flushToDisk: true));
        var append = Record.Exception(() =>
        {
            using var spool = new FileStream(Path.Combine(volume.Path, "textline.db.optouts.spool"), OwnerOnlyFile.Options(FileMode.Append));
            spool.Write(new byte[64]);
            spool.Flush(flushToDisk: true);
        });

        Assert.True(DiskFull.Is(mark), $"{mark}");
        Assert.True(DiskFull.Is(rewrite), $"{rewrite}");
        Assert.True(DiskFull.Is(append), $"{append}");
    }
}
