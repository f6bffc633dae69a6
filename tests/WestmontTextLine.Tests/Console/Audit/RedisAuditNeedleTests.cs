using System.Text;
using WestmontTextLine.Console.Audit;

namespace WestmontTextLine.Tests.Console.Audit;

/// <summary>
/// "To what" as Redis searches for it (<see cref="RedisAuditNeedle"/>): each letter with every letter that
/// OrdinalIgnoreCase, the comparison of <see cref="AuditFilter.Matches"/>, takes as the same, and no other.
/// </summary>
public sealed class RedisAuditNeedleTests
{
    [Theory]
    [InlineData("a1B2", "a\u00001\u0000b\u00002")]
    [InlineData("é", "é\u0001É")]
    [InlineData("Jo", "j\u0000o")]
    [InlineData("σ", "Σ\u0001σ\u0001ς")]
    [InlineData("", "")]
    [InlineData("a\tb", RedisAuditNeedle.Nowhere)]
    public void Each_letter_is_sought_in_every_form_that_matches_it(string text, string sought)
    {
        Assert.Equal(Sorted(sought), Sorted(RedisAuditNeedle.For(text)!));
    }

    /// <summary>Half of a surrogate pair, which no browser sends, is found in a pair as .NET finds it: by the line.</summary>
    [Fact]
    public void Half_a_surrogate_pair_is_left_to_the_line()
    {
        Assert.Null(RedisAuditNeedle.For("a\ud801"));
        Assert.Null(RedisAuditNeedle.For("\udc28"));
    }

    /// <summary>
    /// Every letter of Unicode, in the order OrdinalIgnoreCase sorts them: the letters it takes as equal are the forms
    /// the needle gives for each of them, and a letter alone in its group gets only itself.
    /// </summary>
    [Fact]
    public void The_forms_of_each_letter_are_exactly_those_ordinal_ignore_case_takes_as_equal()
    {
        var letters = new List<string>();
        for (var code = 0; code <= 0x10FFFF; code++)
        {
            if (code is < 0xD800 or > 0xDFFF && !char.IsControl(char.ConvertFromUtf32(code), 0)) letters.Add(char.ConvertFromUtf32(code));
        }
        letters.Sort(StringComparer.OrdinalIgnoreCase);
        var wrong = new List<string>();
        for (var from = 0; from < letters.Count;)
        {
            var to = from + 1;
            while (to < letters.Count && string.Equals(letters[from], letters[to], StringComparison.OrdinalIgnoreCase)) to++;
            var expected = string.Join('\u0001', letters[from..to].Select(LowerAscii).Distinct().Order(StringComparer.Ordinal));
            for (var i = from; i < to && wrong.Count < 10; i++)
            {
                var sought = Sorted(RedisAuditNeedle.For(letters[i])!);
                if (sought != expected) wrong.Add($"U+{char.ConvertToUtf32(letters[i], 0):X4}: {sought} for {expected}");
            }
            from = to;
        }
        Assert.Empty(wrong);
    }

    private static string LowerAscii(string letter) => letter.Length == 1 && letter[0] is >= 'A' and <= 'Z' ? letter.ToLowerInvariant() : letter;

    private static string Sorted(string needle) =>
        string.Join('\0', needle.Split('\0').Select(forms => string.Join('\u0001', forms.Split('\u0001').Order(StringComparer.Ordinal))));
}
