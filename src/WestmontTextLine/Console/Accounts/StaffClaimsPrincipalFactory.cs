using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// The principal SignInManager puts in the console's cookie: Identity's claims (user id = normalised name, user name,
/// security stamp) plus the account's one role as a role claim (so RequireRole and IsInRole work), and whether a
/// second factor is set up (<see cref="SecondFactorClaimType"/>), so the console can send someone without one to
/// enrolment and nowhere else.
/// <para>
/// Why a claims factory and not IUserRoleStore: an account has exactly one role, a field of the account. A role store
/// models many roles per user with roles of their own (RoleManager, a role store, normalised role names), all to put
/// one claim in a cookie; and AddToRoleAsync would make a second role possible.
/// </para>
/// </summary>
public sealed class StaffClaimsPrincipalFactory(UserManager<StaffUser> userManager, IOptions<IdentityOptions> optionsAccessor)
    : UserClaimsPrincipalFactory<StaffUser>(userManager, optionsAccessor)
{
    public const string SecondFactorClaimType = "westmont:second-factor";
    public const string SecondFactorEnrolled = "enrolled";
    public const string SecondFactorNone = "none";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, user.Role));
        identity.AddClaim(new Claim(SecondFactorClaimType, user.TwoFactorEnabled ? SecondFactorEnrolled : SecondFactorNone));
        return identity;
    }
}
