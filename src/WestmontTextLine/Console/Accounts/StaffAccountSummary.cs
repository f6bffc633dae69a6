namespace WestmontTextLine.Console.Accounts;

/// <summary>What `staff list` and the admin page show of an account: never a hash, a key or a code.</summary>
/// <param name="SecondFactor">An authenticator app is set up (the person gives its code at each sign-in).</param>
/// <param name="LockedUntil">When a lockout after failed attempts ends; null when the account is not locked now.</param>
/// <param name="LastSignedIn">When the person last signed in; null if never (or not since an earlier build).</param>
public sealed record StaffAccountSummary(
    string UserName, string Role, bool SecondFactor, int Passkeys, DateTimeOffset? LockedUntil, string ConcurrencyStamp, DateTimeOffset? LastSignedIn = null);
