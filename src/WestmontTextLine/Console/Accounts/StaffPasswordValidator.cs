using Microsoft.AspNetCore.Identity;

namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// What makes a password of 12 characters or more still easy to guess, after Identity's own length and distinct-
/// character checks (NIST SP 800-63B, 5.1.1.2, rather than rules about digits and symbols): being a common password,
/// or one with only digits and symbols around it ("dragon!2024!"); containing the account's name or the line's; and,
/// so that hashing stays cheap, being longer than <see cref="MaxLength"/>.
/// </summary>
public sealed class StaffPasswordValidator : IPasswordValidator<StaffUser>
{
    public const int MaxLength = 256;
    private const int ShortestNameChecked = 3;
    private static readonly string[] LineNames = ["westmont"];

    // The digits, symbols and spaces that may surround a common password: "dragon!2024!" is "dragon".
    private static readonly char[] NotLetters = [' ', .. Enumerable.Range(0x21, 0x7e - 0x20).Select(c => (char)c).Where(c => !char.IsAsciiLetter(c))];

    public static IdentityError Common => new()
    {
        Code = "PasswordCommon",
        Description = "This password is on a list of the 30,000 most common ones, which attackers try first. " +
            "Choose another: a few unrelated words make a long password that is still easy to remember.",
    };

    public static IdentityError ContainsUserName => new()
    {
        Code = "PasswordContainsUserName",
        Description = "The password contains the account's name. Choose one that does not.",
    };

    public static IdentityError ContainsLineName => new()
    {
        Code = "PasswordContainsLineName",
        Description = "The password contains the line's name. Choose one that does not.",
    };

    public static IdentityError TooLong => new()
    {
        Code = "PasswordTooLong",
        Description = $"Passwords must be at most {MaxLength} characters.",
    };

    public async Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var errors = new List<IdentityError>();
        if (password.Length > MaxLength) errors.Add(TooLong);
        if (CommonPasswords.Contains(password) || CommonPasswords.Contains(password.Trim(NotLetters))) errors.Add(Common);
        var userName = await manager.GetUserNameAsync(user);
        if (userName is { Length: >= ShortestNameChecked } && password.Contains(userName, StringComparison.OrdinalIgnoreCase)) errors.Add(ContainsUserName);
        if (LineNames.Any(name => password.Contains(name, StringComparison.OrdinalIgnoreCase))) errors.Add(ContainsLineName);
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }
}
