using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Handoff;

namespace WestmontTextLine.Console.Pages.Admin;

/// <summary>
/// Accounts for administrators: add one, change a role, set a new password, clear a second factor (the person sets it
/// up again at the next sign-in), remove one. Every change goes through <see cref="StaffAccounts"/>, which applies
/// the password rules and writes the audit log. An administrator cannot remove or demote their own account, and
/// StaffAccounts refuses to demote or remove the last administrator (two demoting each other at once included), so the
/// console always keeps one administrator who can sign in. Remove, Reset second factor, Set password, Make admin and
/// Make staff ask first (<see cref="StaffChangeQuestion"/>): the table's buttons open the question, and its button posts
/// the change (Set password's question holds the field for the new password). What went wrong is tied to the form and
/// field it is about (<see cref="FormProblems"/>).
/// </summary>
public sealed class StaffModel(StaffAccounts accounts, IShifts shifts) : PageModel
{
    public const string AddForm = "Add an account";
    public const string AddButton = "add-account-button";

    public IReadOnlyList<StaffAccountSummary> Accounts { get; private set; } = [];
    public FormProblems Problems { get; private set; } = FormProblems.None;

    /// <summary>Set when a button in the table asked for a change that cannot be undone: the page asks first.</summary>
    public StaffChangeQuestion? Asking { get; private set; }

    [TempData]
    public string? Done { get; set; }

    [BindProperty, Required, Display(Name = "Name"), StringLength(64)]
    public string? NewName { get; set; }

    [BindProperty, Required, Display(Name = "Role")]
    public string NewRole { get; set; } = StaffRoles.Staff;

    [BindProperty, Required, DataType(DataType.Password), Display(Name = "First password (at least 12 characters)")]
    public string? NewPassword { get; set; }

    private string Actor => User.Identity!.Name!;

    public static string RoleButton(string name) => "role-" + name;
    public static string ClearSecondFactorButton(string name) => "clear-second-factor-" + name;
    public static string PasswordField(string name) => "password-" + name;
    public static string SetPasswordButton(string name) => "set-password-" + name;
    public static string RemoveButton(string name) => "remove-" + name;

    public async Task OnGetAsync() => Accounts = await accounts.ListAsync(HttpContext.RequestAborted);

    /// <summary>Remove in the table: the question, which changes nothing.</summary>
    public Task<IActionResult> OnGetRemoveAsync(string? name) => AskAsync(name, StaffChangeQuestion.Remove, "Remove", removal: true);

    /// <summary>Reset second factor in the table: the question, which changes nothing.</summary>
    public Task<IActionResult> OnGetClearSecondFactorAsync(string? name) =>
        AskAsync(name, (account, onShift) => StaffChangeQuestion.ClearSecondFactor(account, onShift, IsSelf(account)), "Reset second factor", removal: false);

    /// <summary>Set password in the table: the question, with the field for the new password; it changes nothing.</summary>
    public Task<IActionResult> OnGetResetAsync(string? name) => AskAsync(name, SetPasswordQuestion, "Set password for", removal: false);

    /// <summary>Make admin or Make staff in the table: the question, which changes nothing.</summary>
    public async Task<IActionResult> OnGetRoleAsync(string? name, string? role)
    {
        // No name: the address a post was sent to, opened again after signing in. The accounts, then.
        if (string.IsNullOrWhiteSpace(name)) return await ShowAsync(FormProblems.None);
        var (form, button) = ($"Make {role}, for {name}", RoleButton(name));
        if (IsSelf(name)) return await ShowAsync(new(form, button, [new("You cannot change your own role: ask another administrator.")]));
        if (role is not { } asked || !StaffRoles.IsKnown(asked)) return await ShowAsync(new(form, button, [new("Choose the role admin or staff.")]));
        return await AskAsync(name, (account, onShift) => StaffChangeQuestion.ChangeRole(account, asked, onShift), $"Make {asked}, for", removal: false,
            already: account => account.Role == asked ? $"{account.UserName} is {asked} already: the list below is as it is now." : null);
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        List<FieldProblem> missing = [];
        if (string.IsNullOrWhiteSpace(NewName)) missing.Add(new("Give the account a name.", nameof(NewName)));
        else if (!ModelState.IsValid && ModelState[nameof(NewName)]?.Errors.Count > 0) missing.Add(new("The name is too long: at most 64 characters.", nameof(NewName)));
        if (string.IsNullOrEmpty(NewPassword)) missing.Add(new("Give a first password.", nameof(NewPassword)));
        if (!StaffRoles.IsKnown(NewRole)) missing.Add(new("Choose the role admin or staff.", nameof(NewRole)));
        if (missing.Count > 0) return await ShowAsync(new(AddForm, AddButton, missing));
        var name = NewName!.Trim();
        return await AfterAsync(await accounts.AddAsync(name, NewRole, NewPassword!, Actor, HttpContext.RequestAborted),
            $"Added {name} ({NewRole}). They set up their second factor at their first sign-in.",
            AddForm, AddButton, nameField: nameof(NewName), passwordField: nameof(NewPassword));
    }

    public async Task<IActionResult> OnPostRoleAsync(string name, string role)
    {
        var (form, button) = ($"Make {role}, for {name}", RoleButton(name));
        if (IsSelf(name)) return await ShowAsync(new(form, button, [new("You cannot change your own role: ask another administrator.")]));
        if (!StaffRoles.IsKnown(role)) return await ShowAsync(new(form, button, [new("Choose the role admin or staff.")]));
        return await AfterAsync(await accounts.ChangeRoleAsync(name, role, Actor, HttpContext.RequestAborted), $"{name} is now {role}.", form, button);
    }

    /// <summary>The question's button: the new password, or the question again with what was wrong at its field.</summary>
    public async Task<IActionResult> OnPostResetAsync(string name, string password)
    {
        var form = $"Set password for {name}";
        if (string.IsNullOrEmpty(password)) return await AskAgainAsync(name, form, [new("Give the new password.", PasswordField(name))]);
        var reset = await accounts.ResetAsync(name, password, Actor, HttpContext.RequestAborted);
        // Removed meanwhile (another administrator, another tab): said so, with the accounts as they are now.
        if (IsGone(reset, name)) return await ShowAsync(new(form, null, [new(Gone(name))]));
        if (!reset.Succeeded)
        {
            return await AskAgainAsync(name, form, [.. reset.Errors.Select(error => new FieldProblem(error.Description, FieldOf(error.Code, null, PasswordField(name))))]);
        }
        Done = $"{name} has a new password and sets up their second factor again at the next sign-in.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostClearSecondFactorAsync(string name) =>
        await AfterAsync(await accounts.ClearSecondFactorAsync(name, Actor, HttpContext.RequestAborted),
            $"{name} sets up their second factor again at the next sign-in.", $"Reset second factor, for {name}", ClearSecondFactorButton(name));

    public async Task<IActionResult> OnPostRemoveAsync(string name)
    {
        var (form, button) = ($"Remove {name}", RemoveButton(name));
        if (IsSelf(name)) return await ShowAsync(new(form, button, [new("You cannot remove your own account: ask another administrator.")]));
        var removed = await accounts.RemoveAsync(name, Actor, HttpContext.RequestAborted);
        // Gone already (removed in another tab, by another administrator, or by this same question sent twice): said so.
        if (IsGone(removed, name)) return await ShowAsync(new(form, null, [new(Gone(name))]));
        return await AfterAsync(removed, $"Removed {name}.", form, button);
    }

    /// <param name="already">What to say instead of asking when the change is made already (a stale page), else null.</param>
    private async Task<IActionResult> AskAsync(string? name, Func<string, bool, StaffChangeQuestion> question, string form, bool removal,
        Func<StaffAccountSummary, string?>? already = null)
    {
        Accounts = await accounts.ListAsync(HttpContext.RequestAborted);
        // No name: the address a post was sent to, opened again after signing in (the sign-in page's way back). The accounts, then.
        if (string.IsNullOrWhiteSpace(name)) return Page();
        var account = Accounts.FirstOrDefault(account => string.Equals(account.UserName, name, StringComparison.OrdinalIgnoreCase));
        if (account is null)
        {
            // A stale page: another administrator (or her other tab) removed it meanwhile.
            Problems = new($"{form} {name}", null, [new(Gone(name))]);
            return Page();
        }
        if (removal && IsSelf(account.UserName))
        {
            Problems = new($"{form} {account.UserName}", null, [new("You cannot remove your own account: ask another administrator.")]);
            return Page();
        }
        if (already?.Invoke(account) is { } done)
        {
            Problems = new($"{form} {account.UserName}", null, [new(done)]);
            return Page();
        }
        Asking = question(account.UserName, await IsOnShiftAsync(account.UserName));
        return Page();
    }

    private StaffChangeQuestion SetPasswordQuestion(string name, bool onShift) => StaffChangeQuestion.SetPassword(name, PasswordField(name), onShift, IsSelf(name));

    /// <summary>Set password's question again, after a post that did not work (a password too short or too common), with why.</summary>
    private async Task<IActionResult> AskAgainAsync(string name, string form, IReadOnlyList<FieldProblem> problems)
    {
        Accounts = await accounts.ListAsync(HttpContext.RequestAborted);
        Asking = SetPasswordQuestion(name, await IsOnShiftAsync(name));
        Problems = new(form, StaffChangeQuestion.ConfirmButton, problems);
        return Page();
    }

    /// <summary>Whether the change found no such account: removed meanwhile, by another administrator or in another tab.</summary>
    private static bool IsGone(IdentityResult result, string name) => result.Errors.Any(error => error.Code == StaffAccounts.Unknown(name).Code);

    private static string Gone(string name) =>
        $"There is no staff account '{name}' any more: it was removed already, here or by another administrator. The list below is as it is now.";

    private bool IsSelf(string? name) => string.Equals(name, Actor, StringComparison.OrdinalIgnoreCase);

    private async Task<bool> IsOnShiftAsync(string name) =>
        (await shifts.OnShiftAsync(HttpContext.RequestAborted)).Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>After a change: its outcome, said on the page again (a redirect, so a reload does not post it twice), or what went wrong, at its field.</summary>
    private async Task<IActionResult> AfterAsync(IdentityResult result, string done, string form, string button, string? nameField = null, string? passwordField = null)
    {
        if (!result.Succeeded)
        {
            return await ShowAsync(new(form, button, [.. result.Errors.Select(error => new FieldProblem(error.Description, FieldOf(error.Code, nameField, passwordField)))]));
        }
        Done = done;
        return RedirectToPage();
    }

    /// <summary>The field an Identity error is about, by its code (PasswordTooShort, DuplicateUserName, StaffNameTooLong...).</summary>
    private static string? FieldOf(string code, string? nameField, string? passwordField) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? passwordField
        : code.Contains("UserName", StringComparison.Ordinal) || code == "StaffNameTooLong" ? nameField
        : null;

    private async Task<IActionResult> ShowAsync(FormProblems problems)
    {
        Problems = problems;
        Accounts = await accounts.ListAsync(HttpContext.RequestAborted);
        return Page();
    }
}
