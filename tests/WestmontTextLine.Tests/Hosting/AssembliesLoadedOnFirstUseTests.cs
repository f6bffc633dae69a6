using WestmontTextLine.Tests.FakeTwilio;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Hosting;

/// <summary>
/// What a text does not need stays unmapped in a line that has started and answered one: the console's sign-in keys
/// (data protection and XML, the console's first page's to load) and libphonenumber (a safety buddy's number, or an
/// on-call phone that is set), on SQLite the Redis client, and the provider's REST client (HttpClient, its factory and
/// Polly) until the line first calls the provider. Its own process, since a test host shares its assemblies with every other test.
/// </summary>
public sealed class AssembliesLoadedOnFirstUseTests
{
    [Fact]
    public async Task A_line_that_has_started_and_answered_a_text_maps_neither_data_protection_nor_XML_nor_libphonenumber()
    {
        var mapped = await MappedOnceATextIsAnsweredAsync();
        Assert.Contains("WestmontTextLine.dll", mapped);
        Assert.DoesNotContain("Microsoft.AspNetCore.DataProtection.dll", mapped);
        Assert.DoesNotContain("System.Private.Xml.Linq.dll", mapped);
        Assert.DoesNotContain("System.Private.Xml.dll", mapped);
        Assert.DoesNotContain("PhoneNumbers.dll", mapped);
    }

    [Fact]
    public async Task A_line_on_SQLite_that_has_started_and_answered_a_text_does_not_map_the_Redis_client()
    {
        var mapped = await MappedOnceATextIsAnsweredAsync();
        Assert.Contains("Microsoft.Data.Sqlite.dll", mapped);
        Assert.DoesNotContain("StackExchange.Redis.dll", mapped);
    }

    /// <summary>What registering the provider's REST client loaded on the start's main thread, before Kestrel listened.</summary>
    private static readonly string[] RestClientAssemblies =
    [
        "System.Net.Http.dll", "Microsoft.Extensions.Http.dll", "Polly.Core.dll", "Polly.Extensions.dll",
        "Microsoft.Extensions.Http.Resilience.dll", "Microsoft.Extensions.Diagnostics.ExceptionSummarization.dll",
    ];

    [Fact]
    public async Task A_line_with_a_provider_maps_the_REST_client_only_once_it_calls_the_provider_after_its_first_answer()
    {
        await using var fake = await FakeTwilioApi.StartAsync(authToken: LineProcess.AuthToken);
        var database = Path.Combine(Path.GetTempPath(), $"textline-mapped-{Guid.NewGuid():N}.db");
        try
        {
            await using var line = await LineProcess.StartAsync(database, new Dictionary<string, string>
            {
                ["Twilio__AccountSid"] = fake.AccountSid,
                ["Twilio__ApiBaseUrl"] = fake.BaseUrl.ToString(),
                ["Twilio__From"] = "+16305559999",
                ["Twilio__DeleteAfter"] = "00:00:01",
            });
            var texter = TestNumbers.Next();
            var sid = fake.AddMessage(texter, "+16305559999", "Hi").Sid;
            Assert.Contains("Westmont Text Line", await line.ReplyAsync(texter, "Hi", sid));

            var mappedAtTheAnswer = line.MappedFileNames();
            Assert.All(RestClientAssemblies, name => Assert.DoesNotContain(name, mappedAtTheAnswer));

            // The first call to the provider (the answered text's deletion there) builds the client and goes out.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!fake.DeletedSids.Contains(sid) && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.Contains(sid, fake.DeletedSids);
            var mappedOnceCalled = line.MappedFileNames();
            Assert.All(RestClientAssemblies, name => Assert.Contains(name, mappedOnceCalled));
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    /// <summary>The files the built line maps once it has started (on SQLite, with no on-call phone) and answered a first text.</summary>
    private static async Task<IReadOnlySet<string>> MappedOnceATextIsAnsweredAsync()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-mapped-{Guid.NewGuid():N}.db");
        try
        {
            await using var line = await LineProcess.StartAsync(database);
            Assert.Contains("Westmont Text Line", await line.ReplyAsync(TestNumbers.Next(), "Hi", "SM" + Guid.NewGuid().ToString("N")));
            return line.MappedFileNames();
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }
}
