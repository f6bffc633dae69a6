using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Pages.Admin;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Pages;

/// <summary>
/// Remove, Reset second factor, Set password, Make admin and Make staff on the Staff page ask first, as Go off shift does: the table's button opens the
/// question, and only the question's button makes the change. Before, one press (a slip on a laptop's keyboard, a tap
/// on a phone) removed a colleague in the middle of her shift, or wiped her authenticator app, at once.
/// </summary>
public sealed class StaffQuestionTests : IDisposable
{
    private const string Staff = "/Admin/Staff";

    private readonly TextLineFactory _factory = new();

    [Fact]
    public async Task Remove_in_the_table_asks_first_and_only_the_question_s_button_removes()
    {
        using var ana = await _factory.SignedInAsync("ana", StaffRoles.Admin);
        await _factory.AddStaffAsync("bob");

        var question = await PressAsync(ana, await ana.GetPageAsync(Staff), "Remove bob");
        Assert.Contains("<title>Remove bob? - Westmont Text Line console</title>", question);
        Assert.Contains("This cannot be undone", question);
        Assert.Contains("Keep bob: back to the accounts", question);
        Assert.Contains("bob", await NamesAsync());

        using var removed = await PageForm.WithButton(question, "Remove bob").SubmitAsync(ana, Staff);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain("bob", await NamesAsync());
        Assert.Contains("Removed bob.", await ana.GetPageAsync(Staff));
    }

    [Fact]
    public async Task Reset_second_factor_in_the_table_asks_first_and_only_the_question_s_button_clears_it()
    {
        using var ana = await _factory.SignedInAsync("ana", StaffRoles.Admin);
        using var bob = await _factory.SignedInAsync("bob");

        var question = await PressAsync(ana, await ana.GetPageAsync(Staff), "Reset second factor, for bob");
        Assert.Contains("<title>Reset bob&#x27;s second factor? - Westmont Text Line console</title>", question);
        Assert.True(await SecondFactorOfAsync("bob"));

        using var cleared = await PageForm.WithButton(question, "Reset the second factor of bob").SubmitAsync(ana, Staff);
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.False(await SecondFactorOfAsync("bob"));
    }

    [Fact]
    public async Task The_question_says_when_the_colleague_is_on_shift()
    {
        using var ana = await _factory.SignedInAsync("ana", StaffRoles.Admin);
        await _factory.AddStaffAsync("bob");
        await _factory.Services.GetRequiredService<IShifts>().GoOnAsync("bob");

        var question = await PressAsync(ana, await ana.GetPageAsync(Staff), "Remove bob");
        Assert.Contains("bob is on shift now: this takes them off shift and signs them out", question);
    }

    // Make admin and Make staff acted on one press, and a change of role signs the person out everywhere and takes them
    // off shift: a slip on the row above made a volunteer an administrator (the accounts, the audit log) or took an
    // administrator's pages away, mid-conversation perhaps. They ask first now, as Remove does.
    [Fact]
    public async Task Make_admin_asks_first_and_only_the_question_s_button_changes_the_role()
    {
        using var ana = await _factory.SignedInAsync("ana", StaffRoles.Admin);
        await _factory.AddStaffAsync("bob");

        var question = await PressAsync(ana, await ana.GetPageAsync(Staff), "Make admin, for bob");
        Assert.Contains("<title>Make bob an administrator? - Westmont Text Line console</title>", question);
        Assert.Contains("read the audit log", question);
        Assert.Contains("Keep bob as staff: back to the accounts", question);
        Assert.Equal(StaffRoles.Staff, await RoleOfAsync("bob"));

        using var changed = await PageForm.WithButton(question, "Make bob admin").SubmitAsync(ana, Staff);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(StaffRoles.Admin, await RoleOfAsync("bob"));
        Assert.Contains("bob is now admin.", await ana.GetPageAsync(Staff));
    }

    [Fact]
    public async Task Make_staff_of_an_administrator_on_shift_asks_first_and_says_so()
    {
        using var ana = await _factory.SignedInAsync("ana", StaffRoles.Admin);
        await _factory.AddStaffAsync("cy", StaffRoles.Admin);
        await _factory.Services.GetRequiredService<IShifts>().GoOnAsync("cy");

        var question = await PressAsync(ana, await ana.GetPageAsync(Staff), "Make staff, for cy");
        Assert.Contains("<title>Make cy staff? - Westmont Text Line console</title>", question);
        Assert.Contains("cy is on shift now: this takes them off shift and signs them out", question);
        Assert.Equal(StaffRoles.Admin, await RoleOfAsync("cy"));

        using var changed = await PageForm.WithButton(question, "Make cy staff").SubmitAsync(ana, Staff);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(StaffRoles.Staff, await RoleOfAsync("cy"));
    }

    // Set password acted on one press of the table's button, and it also wipes the person's authenticator app, recovery
    // codes and passkeys: an administrator who meant "she forgot her password" wiped her second factor unasked, and a
    // password typed in one row went with the next row's button a slip away. It asks first now, and the question holds
    // the field for the new password.
    [Fact]
    public async Task Set_password_asks_first_with_the_field_and_only_the_question_s_button_sets_it()
    {
        using var ana = await _factory.SignedInAsync("ana", StaffRoles.Admin);
        using var bob = await _factory.SignedInAsync("bob");

        var question = await PressAsync(ana, await ana.GetPageAsync(Staff), "Set password, for bob");
        Assert.Contains("<title>Set a new password for bob? - Westmont Text Line console</title>", question);
        Assert.Contains("authenticator app, recovery codes and passkeys stop working", question);
        Assert.Contains("Keep bob&#x27;s password: back to the accounts", question);
        Assert.Contains("type=\"password\"", PageFields.Tag(question, StaffModel.PasswordField("bob")));
        Assert.DoesNotContain("This is your own account", question);
        Assert.True(await SecondFactorOfAsync("bob"));

        var confirm = PageForm.WithButton(question, "Set the new password for bob");
        using var set = await (confirm with { Fields = [.. confirm.Fields, new("password", NewPassword)] }).SubmitAsync(ana, Staff);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.False(await SecondFactorOfAsync("bob"));
        Assert.True(await PasswordWorksAsync("bob", NewPassword));
        Assert.Contains("bob has a new password and sets up their second factor again at the next sign-in.", await ana.GetPageAsync(Staff));
    }

    // What did not work is said on the question again, at its field; nothing changed.
    [Fact]
    public async Task A_password_the_rules_refuse_asks_again_with_why_at_the_field()
    {
        using var ana = await _factory.SignedInAsync("ana", StaffRoles.Admin);
        using var bob = await _factory.SignedInAsync("bob");
        var question = await PressAsync(ana, await ana.GetPageAsync(Staff), "Set password, for bob");

        var confirm = PageForm.WithButton(question, "Set the new password for bob");
        using var refused = await (confirm with { Fields = [.. confirm.Fields, new("password", "short")] }).SubmitAsync(ana, Staff);
        var page = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("<title>Error: Set a new password for bob? - Westmont Text Line console</title>", page);
        Assert.Contains("That did not work: Set password for bob", page);
        Assert.Equal(("true", "password-bob-error"), PageFields.Of(page, StaffModel.PasswordField("bob")));
        Assert.Contains("Set the new password for bob", page);
        Assert.True(await SecondFactorOfAsync("bob"));
        Assert.False(await PasswordWorksAsync("bob", "short"));
    }

    // Her own account: she is signed out too, and the question says so (it said "any session of theirs ends", of her).
    [Theory]
    [InlineData("Set password, for ana")]
    [InlineData("Reset second factor, for ana")]
    public async Task A_change_to_her_own_account_says_she_is_signed_out_too(string button)
    {
        using var ana = await _factory.SignedInAsync("ana", StaffRoles.Admin);
        await _factory.AddStaffAsync("bob");

        var own = await PressAsync(ana, await ana.GetPageAsync(Staff), button);
        var bobs = await PressAsync(ana, await ana.GetPageAsync(Staff), button.Replace("ana", "bob", StringComparison.Ordinal));

        Assert.Contains("This is your own account: you are signed out at once", own);
        Assert.DoesNotContain("This is your own account", bobs);
    }

    // A page left open while another administrator made the change already: the question says so, and asks nothing.
    [Fact]
    public async Task A_stale_role_button_says_the_role_is_already_so()
    {
        using var ana = await _factory.SignedInAsync("ana", StaffRoles.Admin);
        await _factory.AddStaffAsync("bob");
        var stale = await ana.GetPageAsync(Staff);
        using (await ana.PostFormAsync(Staff, [new("name", "bob"), new("role", StaffRoles.Admin)], handler: "Role")) { }

        var page = await PressAsync(ana, stale, "Make admin, for bob");
        Assert.Contains("bob is admin already", page);
        Assert.DoesNotContain("id=\"staff-question\"", page);
    }

    // A page left open in a second tab, after bob was removed in the first: the question does not ask about an account
    // that is gone, and says so, with the list as it is now.
    [Fact]
    public async Task A_stale_page_asking_about_a_removed_account_says_it_is_gone()
    {
        using var ana = await _factory.SignedInAsync("ana", StaffRoles.Admin);
        await _factory.AddStaffAsync("bob");
        var stale = await ana.GetPageAsync(Staff);
        using (await ana.PostFormAsync(Staff, [new("name", "bob")], handler: "Remove")) { }

        var page = await PressAsync(ana, stale, "Remove bob");
        Assert.Contains("<title>Error: Staff accounts - Westmont Text Line console</title>", page);
        Assert.Contains("There is no staff account &#x27;bob&#x27; any more: it was removed already", page);
        Assert.DoesNotContain("id=\"remove-bob\"", page);

        // The question's button pressed on a page left open (or pressed again): the same words, no error of another kind.
        using var again = await ana.PostFormAsync(Staff, [new("name", "bob")], handler: "Remove");
        Assert.Contains("There is no staff account &#x27;bob&#x27; any more: it was removed already", await again.Content.ReadAsStringAsync());
    }

    // A post sent after the session ended leads to the sign-in page, which comes back to the address it was sent to
    // (/console/Admin/Staff?handler=Remove), now a GET with no name: the accounts, not an error about an account ''.
    [Fact]
    public async Task The_handler_s_address_opened_with_no_name_shows_the_accounts()
    {
        using var ana = await _factory.SignedInAsync("ana", StaffRoles.Admin);
        foreach (var handler in new[] { "Remove", "ClearSecondFactor", "Add", "Reset", "Role" })
        {
            var page = await ana.GetPageAsync($"{Staff}?handler={handler}");
            Assert.Contains("<title>Staff accounts - Westmont Text Line console</title>", page);
        }
    }

    private static async Task<string> PressAsync(ConsoleClient client, string page, string button)
    {
        using var response = await PageForm.WithButton(page, button).SubmitAsync(client, Staff);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private const string NewPassword = "copper meadow violin 17";

    private async Task<bool> PasswordWorksAsync(string name, string password)
    {
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<StaffUserManager>();
        return await users.CheckPasswordAsync((await users.FindByNameAsync(name))!, password);
    }

    private async Task<IReadOnlyList<string>> NamesAsync()
    {
        using var scope = _factory.Services.CreateScope();
        return [.. (await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync()).Select(account => account.UserName)];
    }

    private async Task<string> RoleOfAsync(string name)
    {
        using var scope = _factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync()).Single(account => account.UserName == name).Role;
    }

    private async Task<bool> SecondFactorOfAsync(string name)
    {
        using var scope = _factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync()).Single(account => account.UserName == name).SecondFactor;
    }

    public void Dispose() => _factory.Dispose();
}
