using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Settings;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Accounts;

/// <summary>
/// Each completed sign-in (the first, at enrolment, and each with a code) is noted on the account, so that `staff list`
/// and the Staff page show a volunteer who has not signed in for months, whose account should go. Before, nothing did.
/// </summary>
public sealed class LastSignInTests
{
    private static async Task<StaffAccountSummary> AccountAsync(TextLineFactory factory, string name)
    {
        using var scope = factory.Services.CreateScope();
        return Assert.Single(await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync(), account => account.UserName == name);
    }

    [Fact]
    public async Task A_sign_in_is_noted_and_shown_on_the_staff_page_and_an_account_never_used_says_never()
    {
        using var factory = new TextLineFactory();
        await factory.AddStaffAsync("bo");
        Assert.Null((await AccountAsync(factory, "bo")).LastSignedIn);

        using var ana = await factory.SignedInAsync("ana", StaffRoles.Admin);
        Assert.Equal(factory.Clock.GetUtcNow(), (await AccountAsync(factory, "ana")).LastSignedIn);

        factory.Clock.Advance(TimeSpan.FromDays(200));
        using var later = ConsoleClient.For(factory);
        using (await later.SignInAsync("ana", ConsoleAccounts.Password, ana.Secret!)) { }
        Assert.Equal(factory.Clock.GetUtcNow(), (await AccountAsync(factory, "ana")).LastSignedIn);

        var page = await later.GetPageAsync("/Admin/Staff");
        Assert.Contains("<th scope=\"col\">Last sign-in</th>", page);
        Assert.Contains("<td>never</td>", page);
        var day = factory.Services.GetRequiredService<LineClock>().LocalTime(factory.Clock.GetUtcNow());
        Assert.Contains($"<td>{day:yyyy-MM-dd}</td>", page);
    }
}
