using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Accounts;

/// <summary>
/// The line keeps an administrator. Two administrators who demote (or remove) each other at the same moment each
/// passed the page's own check (not yourself), and both changes went through: no one could manage accounts or read
/// the audit log until someone ran `staff add` on the server. Now one of them stays an administrator, and the last
/// one cannot be demoted or removed (from the console or `staff`), though `staff reset` still works on her and
/// `staff add` adds another.
/// </summary>
public sealed class LastAdminTests
{
    private const string Password = "plum orchard lantern 42";

    [Fact]
    public async Task Two_administrators_demoting_each_other_on_the_staff_page_at_once_leave_one()
    {
        using var factory = new TextLineFactory();
        using var ana = await factory.SignedInAsync("ana", StaffRoles.Admin);
        using var bo = await factory.SignedInAsync("bo", StaffRoles.Admin);
        var anaToken = ConsoleClient.AntiforgeryTokenIn(await ana.GetPageAsync("/Admin/Staff"));
        var boToken = ConsoleClient.AntiforgeryTokenIn(await bo.GetPageAsync("/Admin/Staff"));

        var answers = await Task.WhenAll(
            ana.PostWithoutTokenAsync("/Admin/Staff", [new("name", "bo"), new("role", StaffRoles.Staff), new("__RequestVerificationToken", anaToken)], "Role"),
            bo.PostWithoutTokenAsync("/Admin/Staff", [new("name", "ana"), new("role", StaffRoles.Staff), new("__RequestVerificationToken", boToken)], "Role"));
        foreach (var answer in answers) answer.Dispose();

        Assert.Contains(await AccountsAsync(factory.Services), account => account.Role == StaffRoles.Admin);
    }

    [Fact]
    public async Task Administrators_demoting_or_removing_each_other_at_once_always_leave_one()
    {
        for (var round = 0; round < 20; round++)
        {
            using var services = StaffServices.Build(new FakeTimeProvider(StaffServices.Now));
            var (a, b) = ("ana", "bo");
            await services.AddAsync(a, Password, StaffRoles.Admin);
            await services.AddAsync(b, Password, StaffRoles.Admin);
            await Task.WhenAll(
                Task.Run(() => Accounts(services).ChangeRoleAsync(b, StaffRoles.Staff, a)),
                Task.Run(() => round % 2 == 0 ? Accounts(services).ChangeRoleAsync(a, StaffRoles.Staff, b) : Accounts(services).RemoveAsync(a, b)));

            Assert.Contains(await AccountsAsync(services), account => account.Role == StaffRoles.Admin);
        }
    }

    [Fact]
    public async Task The_last_administrator_is_neither_demoted_nor_removed_but_can_be_reset_and_joined()
    {
        using var services = StaffServices.Build(new FakeTimeProvider(StaffServices.Now));
        await services.AddAsync("ana", Password, StaffRoles.Admin);
        await services.AddAsync("bo", Password, StaffRoles.Admin);
        Assert.True((await Accounts(services).ChangeRoleAsync("bo", StaffRoles.Staff, "ana")).Succeeded);

        var demoted = await Accounts(services).ChangeRoleAsync("ana", StaffRoles.Staff, "bo");
        var removed = await Accounts(services).RemoveAsync("ana", "cli");

        foreach (var refused in new[] { demoted, removed })
        {
            Assert.Equal(StaffAccounts.LastAdmin("ana").Description, Assert.Single(refused.Errors).Description);
        }
        Assert.Contains("staff add NAME --role admin", StaffAccounts.LastAdmin("ana").Description);
        Assert.True((await Accounts(services).ResetAsync("ana", "new " + Password, "cli")).Succeeded);
        Assert.True((await Accounts(services).AddAsync("cy", StaffRoles.Admin, Password, "cli")).Succeeded);
        Assert.True((await Accounts(services).RemoveAsync("ana", "cli")).Succeeded);
        Assert.Equal(["cy"], (await AccountsAsync(services)).Where(account => account.Role == StaffRoles.Admin).Select(account => account.UserName));
    }

    private static StaffAccounts Accounts(IServiceProvider services) => services.CreateScope().ServiceProvider.GetRequiredService<StaffAccounts>();

    private static Task<IReadOnlyList<StaffAccountSummary>> AccountsAsync(IServiceProvider services) => Accounts(services).ListAsync();
}
