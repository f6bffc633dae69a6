using System.Security.Cryptography;
using System.Text;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// Phone numbers for tests, the same in every run: a test that fails with a number fails again with it. A number
/// derived from a name (a transcript's file) stays that name's; the others are taken in turn from a range no test
/// types by hand (+1630-554-xxxx).
/// </summary>
public static class TestNumbers
{
    private static int s_next;

    public static string Next() => "+1630554" + (Interlocked.Increment(ref s_next) % 10_000).ToString("D4");

    public static string For(string name) =>
        "+1630" + (BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(name))) % 10_000_000).ToString("D7");
}
