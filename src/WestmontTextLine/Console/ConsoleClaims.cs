namespace WestmontTextLine.Console;

/// <summary>
/// The console's claims: a sign-in counts only once the second factor is done. Identity's SignInManager adds
/// amr = mfa when a two-factor sign-in completes; the enrolment page adds it once the first code checks out; a
/// passkey, which is both factors at once, adds it when its signature checks out (<see cref="PasskeySignIn"/>).
/// </summary>
public static class ConsoleClaims
{
    public const string AuthenticationMethod = "amr";
    public const string MultiFactor = "mfa";

    public static bool IsFullySignedIn(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim(AuthenticationMethod, MultiFactor);
}
