using System.Collections.Concurrent;
using WestmontTextLine.Flows;

namespace WestmontTextLine.Engine;

/// <summary>
/// Configured machines waiting to be used. Building one costs far more than firing it, so each is built once
/// and handed to one text at a time.
/// </summary>
public sealed class MenuMachinePool(LanguageFlow shape)
{
    private readonly ConcurrentBag<MenuMachine> _idle = [];

    public MenuMachine Rent() => _idle.TryTake(out var machine) ? machine : new MenuMachine(shape);

    public void Return(MenuMachine machine) => _idle.Add(machine);
}
