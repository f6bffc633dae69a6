using WestmontTextLine.Logging;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console;

/// <summary>
/// A console request that fails is answered in words, not with a blank error page: "the store is not answering, try
/// again in a minute" (503) when the store failed (Redis down or full, a disk gone), or for a Close that the store
/// failed after the chat was written closed, that it is closed and the line finishes it (503); "the store cannot be opened until
/// the line is restarted" (503) when a page needs a store first opened after the SQLite file was deleted or moved
/// (<see cref="SqliteFileGoneException"/>: waiting does not bring it back); or "something failed" (500).
/// It is logged once here, its message scrubbed (<see cref="FaultMessage"/>): the server's own log of an unhandled
/// exception would quote the store's key, a staff name's or a texter's keyed hash.
/// </summary>
public static class ConsoleFaults
{
    public const string StoreDown =
        "The console cannot reach its store just now, so this was not done. Try again in a minute. " +
        "Texters are still answered: with the safety reply while the store is down.";

    public const string StoreGone =
        "The console cannot open its store: the line's database file was deleted or moved while the line runs, so this " +
        "was not done, and cannot be until the line is restarted. Tell whoever runs the line: its log says what to do. " +
        "Texters are still answered.";

    /// <summary>A Close whose first write landed and whose rest failed (<see cref="Handoff.CloseFinishesLaterException"/>).</summary>
    public const string CloseFinishesLater =
        "The conversation is closed, but the console lost its store before the close was finished: her closing text may " +
        "not have gone out yet, and the conversation may still show in the inbox. The line finishes the close by itself " +
        "once the store answers, and sends her closing text then, once: do not close it again. " +
        "Texters are still answered: with the safety reply while the store is down.";

    public const string Failed =
        "Something failed on our side, so this was not done. Try again; if it keeps failing, tell whoever runs the line.";

    public static IApplicationBuilder UseConsoleFaults(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            var storeGone = StoreFault.IsFileGone(ex);
            var storeDown = storeGone || StoreFault.Is(ex);
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleFaults))
                .LogError("Console: {Method} {Path} failed: {Fault} ({Type})", context.Request.Method, context.Request.Path.Value,
                    FaultMessage.Of(ex), ex.GetType().Name);
            if (context.Response.HasStarted) return;
            context.Response.Clear();
            context.Response.StatusCode = storeDown ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
            if (storeDown && !storeGone) context.Response.Headers.RetryAfter = "60";
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(storeGone ? StoreGone : storeDown ? StoreDownText(ex) : Failed, context.RequestAborted);
        }
    });

    private static string StoreDownText(Exception ex) => ex is Handoff.CloseFinishesLaterException ? CloseFinishesLater : StoreDown;
}
