using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// A text sent while a worker's step or a staff action runs (from a hook inside it): waits until the text is answered,
/// or until it waits for its sender's lock, which the step holds in her turn (<see cref="TexterTurns"/>); never for the
/// step itself, which would wait for ever. Without the turn the text runs to its end inside the step, which is the race.
/// </summary>
public static class TextMeanwhile
{
    public static Task AnsweredOrWaitingAsync(TextLineFactory factory, string number, Task text)
    {
        var key = factory.Services.GetRequiredService<SenderKeys>().KeyOf(number);
        var locks = factory.Services.GetRequiredService<SenderLocks>();
        return Eventually.TrueAsync(() => text.IsCompleted || locks.Waiting(key) > 0, "the text answered, or waiting for its sender's lock");
    }
}
