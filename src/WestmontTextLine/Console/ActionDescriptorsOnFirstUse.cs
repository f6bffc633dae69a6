using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.Primitives;

namespace WestmontTextLine.Console;

/// <summary>MVC's list of the console's pages, built when first asked for (<see cref="MvcOnFirstUse"/>).</summary>
public sealed class ActionDescriptorsOnFirstUse(IServiceProvider services, Type providerType) : ActionDescriptorCollectionProvider
{
    private readonly Lazy<ActionDescriptorCollectionProvider> _provider = new(
        () => (ActionDescriptorCollectionProvider)ActivatorUtilities.CreateInstance(services, providerType),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public override ActionDescriptorCollection ActionDescriptors => _provider.Value.ActionDescriptors;

    public override IChangeToken GetChangeToken() => _provider.Value.GetChangeToken();
}
