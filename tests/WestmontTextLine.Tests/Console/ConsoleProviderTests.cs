using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Sessions;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console;

/// <summary>The console's services live in a provider of their own, built on its first request, over the line's.</summary>
public sealed class ConsoleProviderTests
{
    [Fact]
    public async Task Texts_never_build_the_console_and_the_line_has_none_of_its_web_services()
    {
        using var factory = new TextLineFactory();
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());

        Assert.Contains("Westmont Text Line", await twilio.TextAsync("Hi"));
        Assert.Contains("Pick a topic", await twilio.TextAsync("3"));

        Assert.False(factory.Services.GetRequiredService<ConsoleProvider>().IsBuilt);
        Assert.Null(factory.Services.GetService<IAuthenticationSchemeProvider>());
        Assert.Null(factory.Services.GetService<IAntiforgery>());
        Assert.Null(factory.Services.GetService<IDataProtectionProvider>());
        Assert.Null(factory.Services.GetService<IActionDescriptorCollectionProvider>());
        Assert.Null(factory.Services.GetService<IHttpContextAccessor>());
        // What the `staff` verb and the tests use stays on the line's provider.
        using var scope = factory.Services.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetService<StaffAccounts>());
    }

    [Fact]
    public async Task The_console_works_on_the_lines_own_store_clock_logs_and_audit_log()
    {
        using var factory = new TextLineFactory();
        using var client = await factory.SignedInAsync("alice", StaffRoles.Admin);

        var console = factory.Services.GetRequiredService<ConsoleProvider>();
        Assert.True(console.IsBuilt);
        foreach (var shared in new[] { typeof(ISessionStore), typeof(IAuditLog), typeof(TimeProvider), typeof(ILoggerFactory), typeof(ConsoleAudit) })
        {
            Assert.Same(factory.Services.GetRequiredService(shared), console.Services.GetRequiredService(shared));
        }
        Assert.NotNull(console.Services.GetService<IAuthenticationSchemeProvider>());
        using (var scope = console.Services.CreateScope())
        {
            Assert.NotNull(scope.ServiceProvider.GetService<SignInManager<StaffUser>>());
        }
        // The sign-in the console made is in the line's audit log, read through the line's provider.
        var audit = await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100);
        Assert.Contains(audit, entry => entry.Actor == "alice");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_lines_workers_run_once_on_the_lines_host_not_again_in_the_console()
    {
        using var factory = new TextLineFactory();
        using var client = await factory.SignedInAsync("alice");

        var console = factory.Services.GetRequiredService<ConsoleProvider>().Services;
        Assert.NotEmpty(factory.Services.GetServices<IHostedService>());
        Assert.DoesNotContain(console.GetServices<IHostedService>(), worker => worker.GetType().Namespace!.StartsWith("WestmontTextLine"));
    }
}
