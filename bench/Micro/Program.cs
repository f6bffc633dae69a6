using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// A short job, run in this process: the suite takes a couple of minutes, not half an hour. Figures are good to
// about ±5%; use --job medium (or more) to look closer at one benchmark.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).AsDefault())
    .WithOptions(ConfigOptions.JoinSummary);

BenchmarkSwitcher.FromAssembly(typeof(WestmontTextLine.Bench.Repo).Assembly).Run(args, config);
