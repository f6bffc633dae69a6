using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;

namespace WestmontTextLine.Tests.Console;

/// <summary>A console request's services come from a scope of the console's provider, kept until its response is sent.</summary>
public sealed class ConsoleRequestServicesTests
{
    private sealed class Tracked : IDisposable
    {
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    /// <summary>Runs the callbacks a server runs when the response starts and when it has been sent, in that order.</summary>
    private sealed class RecordingResponseFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];
        private readonly List<(Func<object, Task> Callback, object State)> _completed = [];

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Insert(0, (callback, state));
        public override void OnCompleted(Func<object, Task> callback, object state) => _completed.Insert(0, (callback, state));

        public async Task SendAsync()
        {
            foreach (var (callback, state) in _starting) await callback(state);
            foreach (var (callback, state) in _completed) await callback(state);
        }
    }

    [Fact]
    public async Task A_console_request_resolves_from_its_own_scope_until_its_response_has_been_sent()
    {
        var services = new ServiceCollection().AddScoped<Tracked>().AddHttpContextAccessor().BuildServiceProvider();
        var console = new ApplicationBuilder(services);
        console.UseConsoleRequestServices(services);
        Tracked? duringRequest = null, whenResponseStarts = null;
        HttpContext? seenByAccessor = null;
        console.Run(context =>
        {
            duringRequest = context.RequestServices.GetRequiredService<Tracked>();
            seenByAccessor = services.GetRequiredService<IHttpContextAccessor>().HttpContext;
            context.Response.OnStarting(() =>
            {
                whenResponseStarts = context.RequestServices.GetRequiredService<Tracked>();
                return Task.CompletedTask;
            });
            return Task.CompletedTask;
        });
        var response = new RecordingResponseFeature();
        var request = new DefaultHttpContext();
        request.Features.Set<IHttpResponseFeature>(response);

        await console.Build()(request);
        Assert.Same(request, seenByAccessor);
        Assert.False(duringRequest!.Disposed);

        await response.SendAsync();
        Assert.Same(duringRequest, whenResponseStarts);
        Assert.True(duringRequest.Disposed);
    }

    [Fact]
    public async Task Each_console_request_has_a_scope_of_its_own()
    {
        var services = new ServiceCollection().AddScoped<Tracked>().BuildServiceProvider();
        var console = new ApplicationBuilder(services);
        console.UseConsoleRequestServices(services);
        var seen = new List<Tracked>();
        console.Run(context =>
        {
            seen.Add(context.RequestServices.GetRequiredService<Tracked>());
            return Task.CompletedTask;
        });
        var pipeline = console.Build();

        await pipeline(new DefaultHttpContext());
        await pipeline(new DefaultHttpContext());

        Assert.Equal(2, seen.Count);
        Assert.NotSame(seen[0], seen[1]);
    }
}
