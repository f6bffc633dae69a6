using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WestmontTextLine.Settings;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Settings;

/// <summary>
/// Each of the line's settings sections is bound and validated once, for the settings check at start, the host's
/// ValidateOnStart and every service that reads it: three times at start before (the check, the host's validator, the
/// services' own IOptions), four for the sections the check also reads for its warnings.
/// </summary>
public class SettingsReadOnceTests
{
    [Fact]
    public async Task Each_section_is_bound_once_by_the_start_and_the_first_texts()
    {
        var reads = new ConcurrentDictionary<Type, int>();
        using var line = new TextLineFactory { TestServices = services => CountReads(services, reads) };
        var twilio = new TwilioClient(line.CreateClient(), "+16305550187");

        Assert.NotNull(await twilio.TextAsync("hi"));
        Assert.NotNull(await twilio.TextAsync("menu"));
        await line.WorkersBuiltAsync();

        var sections = line.Services.GetServices<SettingsSection>().Select(section => section.OptionsType).Distinct().ToList();
        Assert.True(sections.Count >= 9, $"only {sections.Count} sections listed");
        Assert.All(sections, type => Assert.Equal((type.Name, 1), (type.Name, reads.GetValueOrDefault(type))));
    }

    private static void CountReads(IServiceCollection services, ConcurrentDictionary<Type, int> reads)
    {
        var sections = services.Select(d => d.ImplementationInstance).OfType<SettingsSection>().Select(s => s.OptionsType).Distinct().ToList();
        foreach (var type in sections)
        {
            services.AddSingleton(typeof(IPostConfigureOptions<>).MakeGenericType(type),
                Activator.CreateInstance(typeof(ReadCounter<>).MakeGenericType(type), reads)!);
        }
    }

    private sealed class ReadCounter<T>(ConcurrentDictionary<Type, int> reads) : IPostConfigureOptions<T> where T : class
    {
        public void PostConfigure(string? name, T options) => reads.AddOrUpdate(typeof(T), 1, (_, count) => count + 1);
    }
}
