namespace WestmontTextLine.Outbound;

/// <summary>
/// Error codes that say the number itself cannot get texts: 21211 not a valid number, 21614 not a mobile, 30005
/// unknown or inactive, 30006 a landline. Every later text to it fails alike (unlike 30003, a phone off).
/// </summary>
public static class NumberCannotGetTextsCodes
{
    public static bool Is(int? code) => code is 21211 or 21614 or 30005 or 30006;
}
