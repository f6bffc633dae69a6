using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>The copy marks' files: written whole, readable by the line's account only, whatever was there before.</summary>
public sealed class OwnerOnlyFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("textline-test-owner-only-").FullName;

    [Fact]
    public void A_new_file_is_the_line_accounts_only()
    {
        var path = Path.Combine(_folder, "textline.db.mark");

        OwnerOnlyFile.Replace(path, "abc 1\n");

        Assert.Equal("abc 1\n", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_file_readable_by_all_and_a_half_written_one_left_by_a_crash_are_replaced_by_one_the_line_accounts_only()
    {
        var path = Path.Combine(_folder, "redis-0123.mark");
        File.WriteAllText(path, "1700000000\n");
        File.WriteAllText(path + ".new", "17000");
        if (!OperatingSystem.IsWindows())
        {
            var everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            File.SetUnixFileMode(path, everyone);
            File.SetUnixFileMode(path + ".new", everyone);
        }

        OwnerOnlyFile.Replace(path, "1700000300\n");

        Assert.Equal("1700000300\n", File.ReadAllText(path));
        Assert.False(File.Exists(path + ".new"));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
