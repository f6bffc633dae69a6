namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// A person who signs in to the console. Changed only through <see cref="StaffUserManager"/> (ASP.NET Core Identity's
/// UserManager) or <see cref="StaffAccounts"/>, which store it by compare-and-set: a user object that is out of date
/// fails to save with Identity's ConcurrencyFailure instead of overwriting a newer change. Its secrets never leave the
/// store unsealed: the password is only a hash, the authenticator key and recovery codes are encrypted.
/// </summary>
public sealed class StaffUser
{
    /// <summary>
    /// A new account, not yet stored: pass it to UserManager.CreateAsync(user, password), whose validators refuse an
    /// empty or unusable name and an unknown role with a message, as they would any other input.
    /// </summary>
    public StaffUser(string userName, string role)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(role);
        State = new StaffUserRecord { UserName = userName, Role = role };
    }

    internal StaffUser(StaffUserRecord state, string storedKey, long version)
    {
        State = state;
        NormalizedUserName = storedKey;
        StoredKey = storedKey;
        Version = version;
        StoredPasskeyIds = [.. state.Passkeys.Select(passkey => StaffUserStore.PasskeyKey(passkey.CredentialId))];
    }

    public string UserName => State.UserName;

    /// <summary>The account's identity: Identity's user id, the store's key, and the name that sign-in looks up.</summary>
    public string? NormalizedUserName { get; internal set; }

    /// <summary><see cref="StaffRoles.Admin"/> or <see cref="StaffRoles.Staff"/>.</summary>
    public string Role => State.Role;

    public DateTimeOffset CreatedAt => State.CreatedAt;

    /// <summary>When the person last signed in (both factors, or a passkey); null if never.</summary>
    public DateTimeOffset? LastSignedInAt => State.LastSignedInAt;

    /// <summary>True once the person has set up an authenticator app (and so must give its code at every sign-in).</summary>
    public bool TwoFactorEnabled => State.TwoFactorEnabled && State.SealedAuthenticatorKey is not null;

    public DateTimeOffset? LockoutEnd => State.LockoutEnabled ? State.LockoutEnd : null;

    public int PasskeyCount => State.Passkeys.Count;

    /// <summary>The stored version this object was read at, as text: a form can carry it to refuse a stale edit.</summary>
    public string ConcurrencyStamp => Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal StaffUserRecord State { get; set; }

    /// <summary>The stored record's version this object was read at or last wrote; 0 before it is first stored.</summary>
    internal long Version { get; set; }

    /// <summary>The key it was read under: an account is never renamed.</summary>
    internal string? StoredKey { get; set; }

    /// <summary>The passkeys whose credential index entries the store last wrote, to remove those dropped since.</summary>
    internal HashSet<string> StoredPasskeyIds { get; set; } = [];

    /// <summary>Takes on the state of a fresh read of the same account, to apply a change again after a conflict.</summary>
    internal void CopyFrom(StaffUser stored)
    {
        State = stored.State;
        NormalizedUserName = stored.NormalizedUserName;
        StoredKey = stored.StoredKey;
        Version = stored.Version;
        StoredPasskeyIds = [.. stored.StoredPasskeyIds];
    }

    /// <summary>Forgets every second factor: authenticator key, recovery codes and passkeys; the person enrols again.</summary>
    internal void ClearSecondFactor() => State = State with
    {
        TwoFactorEnabled = false,
        SealedAuthenticatorKey = null,
        SealedRecoveryCodes = null,
        Passkeys = [],
    };

    internal void ChangeRole(string role) => State = State with { Role = role };

    public override string ToString() => UserName;
}
