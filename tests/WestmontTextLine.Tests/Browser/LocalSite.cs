using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WestmontTextLine.Tests.Browser;

/// <summary>A response a <see cref="LocalSite"/> gives for one path.</summary>
public sealed record LocalPage(string ContentType, byte[] Body)
{
    public static LocalPage Html(string html) => new("text/html; charset=utf-8", Encoding.UTF8.GetBytes(html));

    public static LocalPage Script(string javaScript) => new("text/javascript; charset=utf-8", Encoding.UTF8.GetBytes(javaScript));

    public static LocalPage ScriptFile(string path) => new("text/javascript; charset=utf-8", File.ReadAllBytes(path));
}

/// <summary>
/// A few fixed pages on a loopback port, for browser tests of what the line does not serve itself. Every response
/// carries <paramref name="contentSecurityPolicy"/> when one is given, to try a page under the console's rules.
/// </summary>
public sealed class LocalSite(WebApplication app) : IAsyncDisposable
{
    public string BaseUrl { get; } = app.Urls.Single().TrimEnd('/');

    public string Url(string path) => BaseUrl + path;

    public static async Task<LocalSite> StartAsync(IReadOnlyDictionary<string, LocalPage> pages, string? contentSecurityPolicy = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async context =>
        {
            if (!pages.TryGetValue(context.Request.Path.Value ?? "/", out var page))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (contentSecurityPolicy is not null) context.Response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
            context.Response.ContentType = page.ContentType;
            await context.Response.Body.WriteAsync(page.Body);
        });
        await app.StartAsync();
        return new LocalSite(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
