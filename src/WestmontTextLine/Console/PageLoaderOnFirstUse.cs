using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace WestmontTextLine.Console;

/// <summary>Razor Pages' page loader, built when the console first loads a page (<see cref="MvcOnFirstUse"/>).</summary>
public sealed class PageLoaderOnFirstUse(IServiceProvider services, Type loaderType) : PageLoader
{
    private readonly Lazy<PageLoader> _loader = new(
        () => (PageLoader)ActivatorUtilities.CreateInstance(services, loaderType), LazyThreadSafetyMode.ExecutionAndPublication);

    [Obsolete("As the loader it stands for.")]
    public override Task<CompiledPageActionDescriptor> LoadAsync(PageActionDescriptor actionDescriptor) =>
        _loader.Value.LoadAsync(actionDescriptor);

    public override Task<CompiledPageActionDescriptor> LoadAsync(PageActionDescriptor actionDescriptor, EndpointMetadataCollection endpointMetadata) =>
        _loader.Value.LoadAsync(actionDescriptor, endpointMetadata);
}
