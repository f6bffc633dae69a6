using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Tests.Console.Accounts;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console;

/// <summary>
/// A wrong code at the second factor's enrolment is written to the audit log, as a wrong code at sign-in is
/// (<c>signin.code-failed</c>): the enrolment page is what a password alone opens, so whoever holds the password of an
/// account without a second factor (a new one, or one an administrator reset) lands there. Before, its failures left no
/// line: the log showed the password accepted and then nothing, and an administrator helping a volunteer whose codes
/// "do not work" (a phone's clock off by minutes) could not see her tries. Never the code typed.
/// </summary>
public sealed partial class EnrolmentCodeAuditTests
{
    [Fact]
    public async Task A_wrong_code_at_enrolment_is_written_to_the_audit_log_and_the_right_one_still_enrols()
    {
        using var factory = new TextLineFactory();
        await factory.AddStaffAsync("dana");
        using var dana = ConsoleClient.For(factory);
        using (var signedIn = await dana.PostFormAsync("/SignIn", [new("UserName", "dana"), new("Password", ConsoleAccounts.Password)]))
            Assert.Equal(ConsoleClient.Url("/Enrol"), ConsoleClient.Where(signedIn));
        var secret = SecretPattern().Match(await dana.GetPageAsync("/Enrol")).Groups[1].Value;
        var right = TotpCodes.At(secret, factory.Clock.GetUtcNow());
        // Not the code of any step the check accepts around now.
        var near = Enumerable.Range(-2, 5).Select(step => TotpCodes.At(secret, factory.Clock.GetUtcNow().AddSeconds(30 * step))).ToHashSet();
        var wrong = new[] { "123456", "654321", "111111" }.First(code => !near.Contains(code));

        using var refused = await dana.PostFormAsync("/Enrol", [new("Code", wrong)]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("That code is not right", await refused.Content.ReadAsStringAsync());

        var audit = await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        var failed = Assert.Single(audit, entry => entry.Action == ConsoleAuditActions.EnrolmentCodeFailed);
        Assert.Equal("dana", failed.Actor);
        Assert.DoesNotContain(wrong, failed.Target);
        Assert.DoesNotContain(audit, entry => entry.Action == ConsoleAuditActions.SecondFactorEnrolled);

        using var enrolled = await dana.PostFormAsync("/Enrol", [new("Code", right)]);
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        audit = await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        Assert.Single(audit, entry => entry.Action == ConsoleAuditActions.SecondFactorEnrolled && entry.Actor == "dana");
        Assert.Single(audit, entry => entry.Action == ConsoleAuditActions.EnrolmentCodeFailed);
    }

    [GeneratedRegex("<code id=\"secret\">([A-Z2-7]+)</code>")]
    private static partial Regex SecretPattern();
}
