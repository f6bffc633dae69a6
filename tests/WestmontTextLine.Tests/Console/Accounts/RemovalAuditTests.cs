using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Records;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Console.Accounts;

/// <summary>
/// An administrator is removed in two steps: made staff (where the line checks that another administrator is left),
/// then deleted. When the store fails between the two, she is left as staff: the audit log says who made her so
/// ("staff.role-changed", "cy (staff)"). Before, it said nothing, and a reader could not tell why she lost the admin pages.
/// </summary>
public sealed class RemovalAuditTests
{
    private const string Password = "velvet otter lantern";

    [Fact]
    public async Task A_removal_that_fails_after_its_demotion_writes_the_demotion()
    {
        var records = new DeletesFail(new InMemoryPrivateRecords());
        using var services = StaffServices.Build(new FakeTimeProvider(StaffServices.Now), records);
        await services.AddAsync("ana", Password, StaffRoles.Admin);
        await services.AddAsync("cy", Password, StaffRoles.Admin);

        using var scope = services.CreateScope();
        records.Failing = true;
        await Assert.ThrowsAsync<IOException>(() => scope.ServiceProvider.GetRequiredService<StaffAccounts>().RemoveAsync("cy", "ana"));
        records.Failing = false;

        Assert.Equal(StaffRoles.Staff, (await services.Users().FindByNameAsync("cy"))!.Role);
        var entries = await services.GetRequiredService<IAuditLog>().ReadAsync(10);
        var demotion = Assert.Single(entries, entry => entry.Action == AuditActions.StaffRoleChanged);
        Assert.Equal(("ana", "cy (staff)"), (demotion.Actor, demotion.Target));
        Assert.DoesNotContain(entries, entry => entry.Action == AuditActions.StaffRemoved);
    }

    [Fact]
    public async Task A_removal_that_succeeds_writes_only_the_removal()
    {
        using var services = StaffServices.Build(new FakeTimeProvider(StaffServices.Now));
        await services.AddAsync("ana", Password, StaffRoles.Admin);
        await services.AddAsync("cy", Password, StaffRoles.Admin);

        using var scope = services.CreateScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().RemoveAsync("cy", "ana")).Succeeded);

        var entries = await services.GetRequiredService<IAuditLog>().ReadAsync(10);
        Assert.Equal([(AuditActions.StaffRemoved, "cy")], entries.Select(entry => (entry.Action, entry.Target)));
    }

    private sealed class DeletesFail(IPrivateRecords inner) : ForwardingPrivateRecords(inner)
    {
        public volatile bool Failing;

        public override Task<bool> DeleteAsync(string kind, string key, CancellationToken cancellationToken = default) =>
            Failing && kind == StaffUserStore.UserKind ? throw new IOException("the store went away") : base.DeleteAsync(kind, key, cancellationToken);
    }
}
