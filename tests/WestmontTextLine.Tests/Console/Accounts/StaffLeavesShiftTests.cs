using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Handoff;

namespace WestmontTextLine.Tests.Console.Accounts;

/// <summary>
/// An administrator's change that signs a staff member out everywhere also takes them off shift: otherwise texters
/// would be told "someone will text you back" for up to 12 hours by a line where that someone cannot sign in. The
/// audit log says so ("shift.off" by the administrator, about them): before, it showed their "shift.on" with no end.
/// </summary>
public sealed class StaffLeavesShiftTests
{
    private const string Password = "velvet otter lantern";
    private const string NewPassword = "quiet garden gate";

    public static TheoryData<string> Changes => ["remove", "reset", "clear second factor", "change role"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_change_that_signs_a_staff_member_out_ends_their_shift_and_only_theirs(string change)
    {
        using var services = StaffServices.Build(new FakeTimeProvider(StaffServices.Now));
        await services.AddAsync("ana", Password, StaffRoles.Admin);
        await services.AddAsync("bo", Password);
        var shifts = services.GetRequiredService<IShifts>();
        await shifts.GoOnAsync("ana");
        await shifts.GoOnAsync("bo");

        using var scope = services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var result = change switch
        {
            "remove" => await accounts.RemoveAsync("bo", "ana"),
            "reset" => await accounts.ResetAsync("bo", NewPassword, "ana"),
            "clear second factor" => await accounts.ClearSecondFactorAsync("bo", "ana"),
            _ => await accounts.ChangeRoleAsync("bo", StaffRoles.Admin, "ana"),
        };

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(error => error.Description)));
        Assert.Equal(["ana"], await shifts.OnShiftAsync());
        Assert.Equal([("ana", "bo")], await ShiftEndsAsync(services));
    }

    [Fact]
    public async Task Removing_an_administrator_on_shift_writes_one_end_of_her_shift_and_a_change_to_someone_off_shift_none()
    {
        using var services = StaffServices.Build(new FakeTimeProvider(StaffServices.Now));
        await services.AddAsync("ana", Password, StaffRoles.Admin);
        await services.AddAsync("cy", Password, StaffRoles.Admin);
        await services.AddAsync("bo", Password);
        await services.GetRequiredService<IShifts>().GoOnAsync("cy");

        using var scope = services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        Assert.True((await accounts.ResetAsync("bo", NewPassword, "ana")).Succeeded);
        Assert.Empty(await ShiftEndsAsync(services));
        Assert.True((await accounts.RemoveAsync("cy", "ana")).Succeeded);

        Assert.Equal([("ana", "cy")], await ShiftEndsAsync(services));
        Assert.Empty(await services.GetRequiredService<IShifts>().OnShiftAsync());
    }

    private static async Task<List<(string Actor, string Target)>> ShiftEndsAsync(IServiceProvider services) =>
        [.. (await services.GetRequiredService<IAuditLog>().ReadAsync(100)).Where(entry => entry.Action == ConsoleAuditActions.ShiftOff)
            .Select(entry => (entry.Actor, entry.Target))];

    [Fact]
    public async Task A_change_that_fails_leaves_the_shift_list_as_it_was()
    {
        using var services = StaffServices.Build(new FakeTimeProvider(StaffServices.Now));
        await services.AddAsync("bo", Password);
        var shifts = services.GetRequiredService<IShifts>();
        await shifts.GoOnAsync("bo");

        using var scope = services.CreateScope();
        var weak = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ResetAsync("bo", "short", "ana");

        Assert.False(weak.Succeeded);
        Assert.Equal(["bo"], await shifts.OnShiftAsync());
    }
}
