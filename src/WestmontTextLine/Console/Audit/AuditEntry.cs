using System.Buffers;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// One thing a staff member did: when, who (a staff user name, or "cli" for the command line), what (an
/// <see cref="AuditActions"/> name) and to what (a staff account, a page). Never a texter's phone number or a message:
/// the target names the staff side only (an account, or a conversation's id in the inbox to come). Times are kept to
/// the millisecond, in UTC.
/// </summary>
public sealed record AuditEntry
{
    public const int MaxActorLength = 64;
    public const int MaxActionLength = 64;
    public const int MaxTargetLength = 200;

    private static readonly SearchValues<char> ActionCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789.-_");

    public AuditEntry(DateTimeOffset time, string actor, string action, string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(target);
        if (actor.Length > MaxActorLength || actor.Any(char.IsControl))
        {
            throw new ArgumentException($"An audit actor is a staff user name: 1 to {MaxActorLength} printable characters.", nameof(actor));
        }
        if (action.Length > MaxActionLength || action.AsSpan().ContainsAnyExcept(ActionCharacters))
        {
            throw new ArgumentException($"An audit action is 1 to {MaxActionLength} of a-z, 0-9, '.', '-' and '_': \"{action}\".", nameof(action));
        }
        // A line break in a target could forge a line in an exported log: printable characters only.
        if (target.Length > MaxTargetLength || target.Any(char.IsControl))
        {
            throw new ArgumentException($"An audit target is at most {MaxTargetLength} printable characters.", nameof(target));
        }
        Time = DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
        Actor = actor;
        Action = action;
        Target = target;
    }

    /// <summary>The longest <see cref="OnceId"/>.</summary>
    public const int MaxOnceIdLength = 100;

    /// <summary>How long the log remembers a <see cref="OnceId"/>: far longer than any retry of the write (minutes).</summary>
    public static readonly TimeSpan OnceIdKeptFor = TimeSpan.FromDays(1);

    private readonly string? _onceId;

    /// <summary>
    /// For an entry that work tried again may write again (a write whose store timed out on the line's side after it
    /// landed): the same id on each try, and a write of an id the log already holds adds nothing. Null for most entries.
    /// </summary>
    public string? OnceId
    {
        get => _onceId;
        init
        {
            if (value is not null && (value.Length is 0 or > MaxOnceIdLength || value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
            {
                throw new ArgumentException($"An audit entry's once id is 1 to {MaxOnceIdLength} printable characters, no spaces.", nameof(OnceId));
            }
            _onceId = value;
        }
    }

    public DateTimeOffset Time { get; }
    public string Actor { get; }
    public string Action { get; }
    public string Target { get; }
}
