namespace WestmontTextLine.Console;

/// <summary>
/// Turns a copy of the line's service registrations, with the console's added to it, into the console's own: every
/// singleton the line registered is handed over from the line's provider (the same store, clock, logger factory and
/// settings, never a second one), everything else is built by the console's provider as registered, and the line's
/// background services are left out (the line's host runs them).
/// <para>
/// The console registers on top of the line's registrations, not on an empty collection, so that its TryAdd calls
/// see what the line already has and add no second copy of it.
/// </para>
/// </summary>
public static class LineServicesForwarded
{
    public static void HandOver(IServiceCollection console, IReadOnlyList<ServiceDescriptor> line, IServiceProvider lineServices)
    {
        var fromLine = new HashSet<ServiceDescriptor>(line, ReferenceEqualityComparer.Instance);
        var forwarded = Forwarded(line, lineServices);
        for (var index = console.Count - 1; index >= 0; index--)
        {
            var descriptor = console[index];
            if (!fromLine.Contains(descriptor)) continue;
            if (descriptor.ServiceType == typeof(IHostedService)) console.RemoveAt(index);
            else if (forwarded.TryGetValue(descriptor, out var handedOver)) console[index] = handedOver;
        }
    }

    // A group of registrations of one service (and key) is handed over when all of them are singletons made by the
    // line's provider: the i-th registration becomes the i-th instance the line resolves. A group mixing lifetimes
    // (option set-ups, mostly) is rebuilt as registered, and so are open generics (IOptions<>, ILogger<>), which
    // resolve through what was handed over.
    private static Dictionary<ServiceDescriptor, ServiceDescriptor> Forwarded(
        IReadOnlyList<ServiceDescriptor> line, IServiceProvider lineServices)
    {
        var forwarded = new Dictionary<ServiceDescriptor, ServiceDescriptor>(ReferenceEqualityComparer.Instance);
        var groups = line
            .Where(descriptor => !descriptor.ServiceType.IsGenericTypeDefinition && descriptor.ServiceType != typeof(IHostedService))
            .GroupBy(descriptor => (descriptor.ServiceType, descriptor.ServiceKey));
        foreach (var group in groups)
        {
            var registrations = group.ToList();
            if (registrations.Any(descriptor => descriptor.Lifetime != ServiceLifetime.Singleton)) continue;
            if (Equals(group.Key.ServiceKey, KeyedService.AnyKey)) continue;
            for (var position = 0; position < registrations.Count; position++)
            {
                var registration = registrations[position];
                // An instance is shared as it is: no provider disposes an instance it was given.
                if (IsInstance(registration)) continue;
                forwarded[registration] = HandedOver(registration, position, registrations.Count, lineServices);
            }
        }
        return forwarded;
    }

    private static ServiceDescriptor HandedOver(ServiceDescriptor registration, int position, int count, IServiceProvider lineServices)
    {
        var type = registration.ServiceType;
        if (registration.IsKeyedService)
        {
            return new ServiceDescriptor(type, registration.ServiceKey, (_, key) =>
                    Resolved(lineServices.GetKeyedServices(type, key), position, count),
                ServiceLifetime.Singleton);
        }
        return count == 1
            ? new ServiceDescriptor(type, _ => lineServices.GetRequiredService(type), ServiceLifetime.Singleton)
            : new ServiceDescriptor(type, _ => Resolved(lineServices.GetServices(type), position, count), ServiceLifetime.Singleton);
    }

    private static object Resolved(IEnumerable<object?> instances, int position, int count)
    {
        var all = instances.ToList();
        if (all.Count != count) throw new InvalidOperationException("The line's services changed after the console was set up.");
        return all[position] ?? throw new InvalidOperationException("The line resolved no instance for a registered service.");
    }

    private static bool IsInstance(ServiceDescriptor registration) => registration.IsKeyedService
        ? registration.KeyedImplementationInstance is not null
        : registration.ImplementationInstance is not null;
}
