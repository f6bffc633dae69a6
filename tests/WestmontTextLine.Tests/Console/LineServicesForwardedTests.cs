using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WestmontTextLine.Console;

namespace WestmontTextLine.Tests.Console;

/// <summary>How the line's registrations become the console's: singletons handed over, the rest rebuilt, no workers.</summary>
public sealed class LineServicesForwardedTests
{
    private sealed class Store : IDisposable
    {
        public int Disposals { get; private set; }
        public void Dispose() => Disposals++;
    }

    private interface IRule;
    private sealed class FirstRule : IRule;
    private sealed class SecondRule : IRule;
    private sealed class ConsoleRule : IRule;
    private sealed class Request;
    private sealed class Worker : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
    private sealed class Settings { public string Name { get; set; } = ""; }

    /// <summary>The line's provider, and the console's built over it by <see cref="ConsoleProvider"/>, as the app does.</summary>
    private static (ServiceProvider Line, IServiceProvider Console) Build(Action<IServiceCollection> line, Action<IServiceCollection>? console = null)
    {
        IServiceCollection lineServices = new ServiceCollection();
        line(lineServices);
        var lineProvider = lineServices.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var consoleProvider = new ConsoleProvider(lineProvider, [.. lineServices], console ?? (_ => { }), validate: true);
        return (lineProvider, consoleProvider.Services);
    }

    [Fact]
    public void A_singleton_of_the_line_is_the_same_instance_in_the_console()
    {
        var (line, console) = Build(services => services.AddSingleton<Store>());
        Assert.Same(line.GetRequiredService<Store>(), console.GetRequiredService<Store>());
    }

    [Fact]
    public void Several_singletons_of_one_service_are_handed_over_each_in_its_place_and_the_console_adds_its_own()
    {
        var (line, console) = Build(
            services => services.AddSingleton<IRule, FirstRule>().AddSingleton<IRule, SecondRule>(),
            services => services.AddSingleton<IRule, ConsoleRule>());

        var lineRules = line.GetServices<IRule>().ToList();
        var consoleRules = console.GetServices<IRule>().ToList();
        Assert.Equal(3, consoleRules.Count);
        Assert.Same(lineRules[0], consoleRules[0]);
        Assert.Same(lineRules[1], consoleRules[1]);
        Assert.IsType<ConsoleRule>(consoleRules[2]);
        Assert.Same(lineRules[1], line.GetRequiredService<IRule>());
        Assert.IsType<ConsoleRule>(console.GetRequiredService<IRule>());
    }

    [Fact]
    public void What_the_line_registered_stops_the_consoles_try_add_of_the_same()
    {
        var (line, console) = Build(
            services => services.AddSingleton<IRule, FirstRule>(),
            services =>
            {
                services.TryAddSingleton<IRule, ConsoleRule>();
                services.TryAddEnumerable(ServiceDescriptor.Singleton<IRule, FirstRule>());
            });

        Assert.Same(line.GetRequiredService<IRule>(), Assert.Single(console.GetServices<IRule>()));
    }

    [Fact]
    public void Scoped_services_of_the_line_are_made_by_the_console_in_its_own_scopes()
    {
        var (line, console) = Build(services => services.AddScoped<Request>());

        using var lineScope = line.CreateScope();
        using var first = console.CreateScope();
        using var second = console.CreateScope();
        var request = first.ServiceProvider.GetRequiredService<Request>();
        Assert.Same(request, first.ServiceProvider.GetRequiredService<Request>());
        Assert.NotSame(request, second.ServiceProvider.GetRequiredService<Request>());
        Assert.NotSame(request, lineScope.ServiceProvider.GetRequiredService<Request>());
    }

    [Fact]
    public void Options_the_line_configured_read_the_same_in_the_console_with_the_consoles_own_added()
    {
        var (line, console) = Build(
            services => services.Configure<Settings>(settings => settings.Name = "line"),
            services => services.PostConfigure<Settings>(settings => settings.Name += "+console"));

        Assert.Equal("line", line.GetRequiredService<IOptions<Settings>>().Value.Name);
        Assert.Equal("line+console", console.GetRequiredService<IOptions<Settings>>().Value.Name);
    }

    [Fact]
    public void The_lines_background_services_are_not_the_consoles()
    {
        var (line, console) = Build(
            services => services.AddHostedService<Worker>(),
            services => services.AddSingleton<IRule, ConsoleRule>());

        Assert.Single(line.GetServices<IHostedService>());
        Assert.Empty(console.GetServices<IHostedService>());
    }

    [Fact]
    public void A_keyed_singleton_is_handed_over_under_its_key()
    {
        var (line, console) = Build(services => services.AddKeyedSingleton<Store>("a").AddKeyedSingleton<Store>("b"));

        Assert.Same(line.GetRequiredKeyedService<Store>("a"), console.GetRequiredKeyedService<Store>("a"));
        Assert.Same(line.GetRequiredKeyedService<Store>("b"), console.GetRequiredKeyedService<Store>("b"));
        Assert.NotSame(console.GetRequiredKeyedService<Store>("a"), console.GetRequiredKeyedService<Store>("b"));
    }

    [Fact]
    public void A_handed_over_singleton_is_disposed_once_by_the_line()
    {
        var (line, console) = Build(services => services.AddSingleton<Store>());
        var store = console.GetRequiredService<Store>();

        line.Dispose();

        Assert.Equal(1, store.Disposals);
    }
}
