using WestmontTextLine.Console.Audit;

namespace WestmontTextLine.Console;

/// <summary>
/// What the console writes to the audit log: sign-ins, second factors, passkeys, sign-outs, shifts and inbox actions.
/// The actor is always an existing account's name or <see cref="UnknownActor"/>: a name typed at sign-in that matches
/// no account is not recorded, since it could be anything (even someone's phone number).
/// </summary>
public sealed class ConsoleAudit(IAuditLog log, TimeProvider time)
{
    public const string UnknownActor = "(no such account)";

    /// <param name="onceId">For work that may be tried again: the same id on each try writes the entry once (<see cref="AuditEntry.OnceId"/>).</param>
    public Task RecordAsync(string actor, string action, string target = "", string? onceId = null) =>
        log.AppendAsync(new AuditEntry(time.GetUtcNow(), actor, action, target) { OnceId = onceId });
}

/// <summary>The console's audit action names, next to the account changes in <see cref="AuditActions"/>.</summary>
public static class ConsoleAuditActions
{
    public const string PasswordAccepted = "signin.password-accepted";
    public const string SignInFailed = "signin.failed";
    public const string SignInLocked = "signin.locked-out";
    public const string SignedIn = "signin.done";
    public const string SignedInWithRecoveryCode = "signin.recovery-code";
    public const string CodeFailed = "signin.code-failed";
    public const string SecondFactorEnrolled = "second-factor.enrolled";

    /// <summary>A wrong code at the second factor's enrolment, as <see cref="CodeFailed"/> is one at sign-in.</summary>
    public const string EnrolmentCodeFailed = "second-factor.code-failed";
    public const string SignedInWithPasskey = "signin.passkey";
    public const string PasskeyFailed = "signin.passkey-failed";
    public const string PasskeyAdded = "passkey.added";
    public const string PasskeyRemoved = "passkey.removed";
    public const string PasskeyPasswordFailed = "passkey.password-failed";
    public const string SignedOut = "signout";

    // The inbox ("talk to a person"): the target is the conversation's id (never her pseudonym), never a body.
    public const string ShiftOn = "shift.on";
    public const string ShiftOff = "shift.off";
    public const string ConversationClaimed = "inbox.claimed";
    public const string ConversationTransferred = "inbox.transferred";
    public const string ConversationReplied = "inbox.replied";
    public const string ReplyRetried = "inbox.reply-retried";
    public const string ConversationClosed = "inbox.closed";
    public const string ConversationDeleted = "inbox.deleted";
    public const string ConversationRead = "inbox.read";
}
