using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WestmontTextLine.Cli;
using WestmontTextLine.Settings;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Settings;

/// <summary>`check` and the start go through one list of settings sections, not two that can drift apart.</summary>
public class SettingsSectionsTests
{
    [Fact]
    public void Every_section_the_line_validates_at_start_is_in_the_list_check_reads()
    {
        IServiceCollection? web = null;
        using var factory = new TextLineFactory { TestServices = services => web = services };
        _ = factory.Services;
        using var cli = CliHost.Build(CliArgumentsFor("check"), RepoPaths.Root, null);

        var validated = web!.Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0]).ToHashSet();
        var listed = cli.Services.GetServices<SettingsSection>().Select(s => s.OptionsType).ToHashSet();

        Assert.NotEmpty(validated);
        Assert.Subset(listed, validated);
        Assert.Equal(listed.Count, cli.Services.GetServices<SettingsSection>().Count());
    }

    private static CliArguments CliArgumentsFor(string verb) => CliArguments.Parse([verb], RepoPaths.Root);
}
