using WestmontTextLine.Logging;

namespace WestmontTextLine.Scheduling;

/// <summary>
/// A worker's failed passes, told once a run (<see cref="FaultRun"/>): the first (and a different fault after it) as a
/// warning that says what waits meanwhile, and the first pass that works again, with how many failed and for how
/// long. A store that does not answer fails every pass (the outbox's, every second): a line each was 60 a minute for
/// one worker, four workers alike, with no line to say when they worked again.
/// </summary>
public sealed partial class PassFaults(ILogger logger, string pass, string whileFailing)
{
    private readonly FaultRun _run = new();

    public void Failed(Exception exception)
    {
        // Work run side by side fails as an AggregateException, which names nothing: the fault inside does.
        var fault = (exception is AggregateException { InnerExceptions: [var inner, ..] } ? inner : exception).GetType().Name;
        if (_run.Failed(fault)) Began(logger, pass, fault, whileFailing);
    }

    /// <summary>A pass that ran to its end: logs the end of a run of failures, if there was one. A field read otherwise.</summary>
    public void Succeeded()
    {
        if (_run.Ended() is { } ended) Ended(logger, pass, ended.Failed, ReadableDuration.Of(ended.Lasted));
    }

    [LoggerMessage(1501, LogLevel.Warning, "{Pass} failed: {Fault}; {WhileFailing}. Logged once until a pass works again")]
    private static partial void Began(ILogger logger, string pass, string fault, string whileFailing);

    [LoggerMessage(1502, LogLevel.Warning, "{Pass} works again: {Failed} pass(es) failed over {Lasted}")]
    private static partial void Ended(ILogger logger, string pass, int failed, string lasted);
}
