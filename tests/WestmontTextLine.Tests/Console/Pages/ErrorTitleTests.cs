using System.Net;
using System.Text.RegularExpressions;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Pages;

/// <summary>A page shown again with what went wrong starts its title with "Error: ", which a screen reader reads first.</summary>
public sealed partial class ErrorTitleTests
{
    // A wrong password brought back a page titled "Sign in", a name already taken one titled "Staff accounts": the
    // same words as before the press, so a screen reader said nothing had gone wrong until she found the message.
    [Fact]
    public async Task A_wrong_password_a_wrong_code_and_a_name_already_taken_say_error_in_the_title()
    {
        using var factory = new TextLineFactory();
        using var ana = await factory.SignedInAsync("ana", StaffRoles.Admin);
        await factory.AddStaffAsync("bob");

        using var visitor = ConsoleClient.For(factory);
        Assert.Equal("Sign in - Westmont Text Line console", TitleOf(await visitor.GetPageAsync("/SignIn")));
        var wrong = await visitor.PostFormAsync("/SignIn", [new("UserName", "bob"), new("Password", "not the password at all")]);
        Assert.Equal("Error: Sign in - Westmont Text Line console", TitleOf(await wrong.Content.ReadAsStringAsync()));

        // bob's first sign-in: his password, then a wrong code at the enrolment.
        var right = await visitor.PostFormAsync("/SignIn", [new("UserName", "bob"), new("Password", ConsoleAccounts.Password)]);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("Set up your second factor - Westmont Text Line console", TitleOf(await visitor.GetPageAsync("/Enrol")));
        var code = await visitor.PostFormAsync("/Enrol", [new("Code", "000000")]);
        Assert.Equal("Error: Set up your second factor - Westmont Text Line console", TitleOf(await code.Content.ReadAsStringAsync()));

        Assert.Equal("Staff accounts - Westmont Text Line console", TitleOf(await ana.GetPageAsync("/Admin/Staff")));
        var taken = await ana.PostFormAsync("/Admin/Staff", [new("NewName", "bob"), new("NewRole", StaffRoles.Staff), new("NewPassword", "violet harbour tin 88")], "Add");
        var page = await taken.Content.ReadAsStringAsync();
        Assert.Contains("That did not work", page);
        Assert.Equal("Error: Staff accounts - Westmont Text Line console", TitleOf(page));
        // The heading is the page's name, as before.
        Assert.Contains("<h1>Staff accounts</h1>", page);
    }

    private static string TitleOf(string page) => WebUtility.HtmlDecode(Title().Match(page).Groups[1].Value);

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex Title();
}
