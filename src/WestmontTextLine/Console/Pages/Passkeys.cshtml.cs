using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Console.Pages;

/// <summary>
/// Your passkeys: see them, add one, remove one. Like every console page but sign-in, only for someone signed in with
/// both factors. Adding one also asks for the password (checked before the browser makes the passkey, and again when
/// it is stored, each wrong one counting towards the lockout): a passkey signs in on its own, so a session borrowed
/// at an unlocked computer must not be able to leave one behind. The browser makes the passkey with options from
/// here and posts it back with the page's antiforgery token. Removing a passkey also ends every other session of the
/// account, in case the device that held it was lost with a session open. Each change is audited by the passkey's
/// name and short id, never its id.
/// </summary>
public sealed class PasskeysModel(StaffUserManager users, SignInManager<StaffUser> signIn, ConsoleAudit audit,
    WestmontTextLine.Settings.LineClock clock, ILogger<PasskeysModel> logger) : PageModel
{
    private const string TooMany = "You have the most passkeys an account may have. Remove one you no longer use first.";
    private const string WrongPassword = "That is not your password, so no passkey was added.";
    private const string Locked = "Too many failed attempts: this account is locked for 15 minutes.";

    public sealed record Row(string Key, string ShortId, string Name, string Added);

    public IReadOnlyList<Row> Passkeys { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    /// <summary>What went wrong, tied to the form and field it is about (the name, the password; a row's Remove).</summary>
    public FormProblems Problems { get; private set; } = FormProblems.None;

    public const string AddForm = "Add a passkey";
    public const string AddButton = "passkey-add-button";
    public const string NameField = "passkey-name";
    public const string PasswordField = "passkey-password";

    /// <summary>The header of a refused options request that names the field it is about (the password).</summary>
    public const string ProblemFieldHeader = "X-Problem-Field";

    public static string RemoveButton(string key) => "remove-passkey-" + key;

    /// <summary>The name she typed, shown again when adding the passkey did not work: before, the field came back empty.</summary>
    public string? TypedName { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return RedirectToPage("/SignIn");
        await ListAsync(user);
        return Page();
    }

    /// <summary>The options for navigator.credentials.create, as JSON; the challenge waits in the two-factor cookie.</summary>
    public async Task<IActionResult> OnPostOptionsAsync(string? password)
    {
        if (await users.GetUserAsync(User) is not { } user) return RedirectToPage("/SignIn");
        if (await PasswordProblemAsync(user, password) is { } problem)
        {
            // Names the field the refusal is about, so the script marks it and puts the focus on it.
            Response.Headers[ProblemFieldHeader] = PasswordField;
            return BadRequestText(problem);
        }
        if ((await users.GetPasskeysAsync(user)).Count >= ConsolePasskeys.MaxPasskeysPerAccount) return BadRequestText(TooMany);
        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = await users.GetUserIdAsync(user),
            Name = user.UserName,
            DisplayName = user.UserName,
        });
        return Content(options, "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync(string? name, string? password, string? credentialJson)
    {
        if (await users.GetUserAsync(User) is not { } user) return RedirectToPage("/SignIn");
        TypedName = name;
        var cleanName = PasskeyNames.CleanName(name);
        if (cleanName is null) return await ShowAsync(user, AddProblem("Give the passkey a name, so that you can tell it from your others.", NameField));
        if (await PasswordProblemAsync(user, password) is { } problem) return await ShowAsync(user, AddProblem(problem, PasswordField));
        if (string.IsNullOrWhiteSpace(credentialJson) || credentialJson.Length > ConsolePasskeys.MaxCredentialJsonLength)
        {
            return await ShowAsync(user, AddProblem("The browser sent no passkey. Choose \"Add a passkey\" and follow its prompts."));
        }
        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            // No ceremony waiting in this browser: it expired (5 minutes), or the post came from elsewhere.
            return await ShowAsync(user, AddProblem("That took too long, so the passkey was not added. Try again."));
        }
        if (!attestation.Succeeded || attestation.UserEntity.Id != await users.GetUserIdAsync(user))
        {
            logger.LogInformation("A passkey for {User} was refused: {Reason}", user.UserName, attestation.Failure?.Message ?? "made for another account");
            return await ShowAsync(user, AddProblem("The console could not check that passkey, so it was not added. Try again."));
        }
        var passkey = attestation.Passkey;
        passkey.Name = cleanName;
        IdentityResult added;
        try
        {
            added = await users.RetryOnConflictAsync(user, async current => (await users.GetPasskeysAsync(current)).Count >= ConsolePasskeys.MaxPasskeysPerAccount
                ? IdentityResult.Failed(new IdentityError { Code = "TooManyPasskeys", Description = TooMany })
                : await users.AddOrUpdatePasskeyAsync(current, passkey));
        }
        catch (InvalidOperationException e)
        {
            // The store refuses a credential another account holds.
            return await ShowAsync(user, AddProblem(e.Message));
        }
        if (!added.Succeeded) return await ShowAsync(user, AddProblem(string.Join(" ", added.Errors.Select(error => error.Description))));
        await audit.RecordAsync(user.UserName, ConsoleAuditActions.PasskeyAdded, PasskeyNames.Describe(cleanName, passkey.CredentialId));
        Done = $"Added the passkey \"{cleanName}\". Next time, choose \"Sign in with a passkey\" on the sign-in page.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? key)
    {
        if (await users.GetUserAsync(User) is not { } user) return RedirectToPage("/SignIn");
        UserPasskeyInfo? removed = null;
        var result = await users.RetryOnConflictAsync(user, async current =>
        {
            removed = (await users.GetPasskeysAsync(current)).FirstOrDefault(passkey => PasskeyNames.Key(passkey.CredentialId) == key);
            return removed is null
                ? IdentityResult.Failed(new IdentityError { Code = "NoSuchPasskey", Description = "That passkey is not on your account any more." })
                : await users.RemovePasskeyAsync(current, removed.CredentialId);
        });
        if (!result.Succeeded || removed is null)
        {
            var problem = string.Join(" ", result.Errors.Select(error => error.Description));
            await ListAsync(user);
            // Tied to the row's Remove button while the row is there; a passkey gone already has no row.
            Problems = new("Remove a passkey", Passkeys.Any(row => row.Key == key) ? RemoveButton(key!) : null, [new(problem)]);
            return Page();
        }
        // A new security stamp ends every other session of the account; this one goes on with the new stamp.
        await users.RetryOnConflictAsync(user, users.UpdateSecurityStampAsync);
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(user.UserName, ConsoleAuditActions.PasskeyRemoved, PasskeyNames.Describe(removed.Name, removed.CredentialId));
        Done = $"Removed the passkey \"{removed.Name ?? PasskeyNames.Unnamed}\". Your other sessions are signed out. Remove it from the device too.";
        return RedirectToPage();
    }

    /// <summary>
    /// Null if the password is the account's; otherwise what to say. A wrong one counts towards the lockout. While the
    /// account is locked nothing is checked, and nothing more written: the line that said it locked is enough, and a
    /// session stays signed in through the lock, so a script posting here wrote a line a try, to fill the audit log.
    /// </summary>
    private async Task<string?> PasswordProblemAsync(StaffUser user, string? password)
    {
        if (await users.IsLockedOutAsync(user)) return Locked;
        var check = await signIn.CheckPasswordSignInAsync(user, password ?? "", lockoutOnFailure: true);
        if (check.Succeeded) return null;
        await audit.RecordAsync(user.UserName, check.IsLockedOut ? ConsoleAuditActions.SignInLocked : ConsoleAuditActions.PasskeyPasswordFailed);
        return check.IsLockedOut ? Locked : WrongPassword;
    }

    private static ContentResult BadRequestText(string message) =>
        new() { StatusCode = StatusCodes.Status400BadRequest, ContentType = "text/plain; charset=utf-8", Content = message };

    private static FormProblems AddProblem(string text, string? field = null) => new(AddForm, AddButton, [new(text, field)]);

    private async Task<IActionResult> ShowAsync(StaffUser user, FormProblems problems)
    {
        Problems = problems;
        await ListAsync(user);
        return Page();
    }

    private async Task ListAsync(StaffUser user) =>
        Passkeys = [.. (await users.GetPasskeysAsync(user)).OrderBy(passkey => passkey.CreatedAt).Select(passkey => new Row(
            PasskeyNames.Key(passkey.CredentialId), PasskeyNames.ShortId(passkey.CredentialId), passkey.Name ?? PasskeyNames.Unnamed,
            TimeZoneInfo.ConvertTime(passkey.CreatedAt, clock.Zone).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)))];
}
