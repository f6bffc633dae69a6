using WestmontTextLine.Engine;

namespace WestmontTextLine.Conversations;

/// <summary>
/// A text's answer on the session it was run on, and what is done only once that session is saved with it (an inbox
/// conversation opened, a check-in counted). A run whose save loses its version check is dropped, and so is its
/// <see cref="OnceSaved"/>: the text is run again on the fresh session. What a run changed outside her session before
/// its save (a check-in timer queued) is undone by <see cref="IfNeverSaved"/> when no run of the text is saved.
/// </summary>
public sealed record ConversationAnswer(
    TextResult Result, string Label, Func<CancellationToken, Task>? OnceSaved = null, Action? IfNeverSaved = null)
{
    /// <summary>This answer, with <paramref name="next"/> done after its own <see cref="OnceSaved"/>.</summary>
    public ConversationAnswer ThenOnceSaved(Func<CancellationToken, Task>? next) =>
        next is null ? this
        : OnceSaved is not { } first ? this with { OnceSaved = next }
        : this with { OnceSaved = InTurn(first, next) };

    // A method of its own: the lambda in ThenOnceSaved, capturing its parameter, made its closure for every answer.
    private static Func<CancellationToken, Task> InTurn(Func<CancellationToken, Task> first, Func<CancellationToken, Task> next) =>
        async cancellationToken =>
        {
            await first(cancellationToken);
            await next(cancellationToken);
        };
}
