using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Pages;

/// <summary>
/// On the Staff page, what went wrong is tied to its form and field: the alert at the top names the form and links to
/// the field, and the field is marked invalid and described by the error, as at sign-in. Before, one alert at the top
/// said "That did not work" and the error, tied to nothing: which of the page's dozen forms, and which field, was for
/// her to guess, and tabbing back to the field said nothing of it.
/// </summary>
public sealed class StaffFieldErrorTests : IDisposable
{
    private const string Staff = "/Admin/Staff";

    private readonly TextLineFactory _factory = new();

    [Fact]
    public async Task A_name_already_taken_is_said_at_the_name_field_of_the_add_form()
    {
        using var ana = await _factory.SignedInAsync("ana", StaffRoles.Admin);
        await _factory.AddStaffAsync("bob");

        var page = await PostAsync(ana, [new("NewName", "bob"), new("NewRole", StaffRoles.Staff), new("NewPassword", "violet harbour tin 88")], "Add");

        Assert.Contains("That did not work: Add an account", page);
        Assert.Equal(("true", "NewName-error"), PageFields.Of(page, "NewName"));
        Assert.Matches("<p class=\"field-error\" id=\"NewName-error\">[^<]*bob[^<]*taken", page);
        Assert.Contains("<a href=\"#NewName\">", page);
        Assert.Equal((null, null), PageFields.Of(page, "NewPassword"));
        // What she typed stays in the field.
        Assert.Contains("value=\"bob\"", PageFields.Tag(page, "NewName"));
    }

    [Fact]
    public async Task A_password_too_short_is_said_at_the_password_field_of_the_form_it_came_from()
    {
        using var ana = await _factory.SignedInAsync("ana", StaffRoles.Admin);
        await _factory.AddStaffAsync("bob");
        await _factory.AddStaffAsync("carmen");

        var page = await PostAsync(ana, [new("name", "bob"), new("password", "short")], "Reset");

        // Set password's question again (it holds the field), with the error at its field.
        Assert.Contains("That did not work: Set password for bob", page);
        Assert.Equal(("true", "password-bob-error"), PageFields.Of(page, "password-bob"));
        Assert.Contains("id=\"password-bob-error\"", page);
        Assert.Contains("<a href=\"#password-bob\">", page);
        Assert.DoesNotContain("id=\"password-carmen\"", page);

        var added = await PostAsync(ana, [new("NewName", "dana"), new("NewRole", StaffRoles.Staff), new("NewPassword", "short")], "Add");
        Assert.Equal(("true", "NewPassword-error"), PageFields.Of(added, "NewPassword"));
        Assert.Equal((null, null), PageFields.Of(added, "NewName"));
    }

    private static async Task<string> PostAsync(ConsoleClient client, KeyValuePair<string, string>[] fields, string handler)
    {
        using var response = await client.PostFormAsync(Staff, fields, handler);
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose() => _factory.Dispose();
}
