namespace WestmontTextLine.Hosting;

/// <summary>
/// A background worker the host builds late, after the first answer (<see cref="StartsAfterFirstAnswer{TWorker}"/>):
/// whether it is built yet, with the stores it opens. A test that moves the database away waits for this first: a
/// worker built after the move opened the path anew, and so made a new, empty file there.
/// </summary>
public interface IDeferredWorker
{
    bool Built { get; }
}
