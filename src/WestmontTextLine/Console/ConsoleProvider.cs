namespace WestmontTextLine.Console;

/// <summary>
/// The console's services (Razor Pages, authentication, cookies, antiforgery, data protection, passkeys, the sign-in
/// limit) in a service provider of their own, built on the console's first request. A line that is only texted
/// never loads or sets them up: its start and its memory are those of the SMS line. The line's own services are
/// handed over (<see cref="LineServicesForwarded"/>), so the console works on the same store and settings.
/// <para>
/// The console's provider is not disposed with the line's: it holds the line's singletons, which the line's provider
/// disposes, and disposing both would dispose those twice. What only the console made (option set-ups, the key
/// ring, page caches) holds no file, connection or thread.
/// </para>
/// </summary>
public sealed class ConsoleProvider
{
    private readonly Lazy<IServiceProvider> _services;

    public ConsoleProvider(IServiceProvider line, IReadOnlyList<ServiceDescriptor> lineRegistrations,
        Action<IServiceCollection> addConsole, bool validate)
    {
        _services = new Lazy<IServiceProvider>(() =>
        {
            IServiceCollection services = new ServiceCollection();
            foreach (var registration in lineRegistrations) services.Add(registration);
            addConsole(services);
            LineServicesForwarded.HandOver(services, lineRegistrations, line);
            return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = validate, ValidateOnBuild = validate });
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IServiceProvider Services => _services.Value;

    /// <summary>Whether the console has been used since the line started (its services are built).</summary>
    public bool IsBuilt => _services.IsValueCreated;
}
