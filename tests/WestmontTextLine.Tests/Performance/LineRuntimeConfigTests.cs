using System.Text.Json;

namespace WestmontTextLine.Tests.Performance;

/// <summary>
/// What the line's runtimeconfig.json, built beside WestmontTextLine.dll, tells the runtime. The gen0 cap keeps the
/// adaptive server GC from holding large gen0 budgets after a burst of texts (issue 18's RSS after the load run), and
/// only the runtimeconfig (or an environment variable the operator would have to know) sets it. Dynamic PGO is on: the
/// text's path compiled from its own profile takes less CPU a text under load (bench/README.md).
/// </summary>
public class LineRuntimeConfigTests
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "WestmontTextLine.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void The_line_caps_each_GC_heaps_gen0_budget_at_4_MB()
    {
        var properties = ConfigProperties();

        Assert.True(properties.TryGetProperty("System.GC.Gen0MaxBudget", out var budget), "System.GC.Gen0MaxBudget is not in the line's runtimeconfig");
        Assert.Equal(4L * 1024 * 1024, budget.GetInt64());
    }

    [Fact]
    public void The_cap_applies_to_the_server_GC_the_line_runs()
    {
        Assert.True(ConfigProperties().GetProperty("System.GC.Server").GetBoolean());
    }

    [Fact]
    public void The_line_runs_with_dynamic_PGO()
    {
        Assert.True(ConfigProperties().TryGetProperty("System.Runtime.TieredPGO", out var pgo), "System.Runtime.TieredPGO is not in the line's runtimeconfig");
        Assert.True(pgo.GetBoolean(), "the line's runtimeconfig turns dynamic PGO off");
    }
}
