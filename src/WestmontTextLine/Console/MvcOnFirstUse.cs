using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace WestmontTextLine.Console;

/// <summary>
/// ASP.NET Core builds every route table, the line's too (on the first text), with every matcher policy registered,
/// and MVC's take its page loader and its list of pages: built as registered, those two would set up much of MVC
/// (options, model metadata, view compilation, page invokers) before the first text is answered. In their place go
/// stand-ins that build them when the console first needs them.
/// </summary>
public static class MvcOnFirstUse
{
    public static void Register(IServiceCollection services)
    {
        var pageLoader = TakeImplementationType<PageLoader>(services);
        services.AddSingleton<PageLoader>(provider => new PageLoaderOnFirstUse(provider, pageLoader));
        var actions = TakeImplementationType<IActionDescriptorCollectionProvider>(services);
        services.AddSingleton<IActionDescriptorCollectionProvider>(provider => new ActionDescriptorsOnFirstUse(provider, actions));
    }

    private static Type TakeImplementationType<TService>(IServiceCollection services)
    {
        var registered = services.Single(service => service.ServiceType == typeof(TService));
        services.Remove(registered);
        return registered.ImplementationType
            ?? throw new InvalidOperationException($"MVC no longer registers {typeof(TService).Name} by its type.");
    }
}
