using System.Text.Json;
using TrainingProgram.Benchmarks;

var settings = BenchmarkSettings.Parse(args);

await using var topology = await BenchmarkTopology.StartAsync([]);
var run = new BenchmarkRun(topology, settings);
if (settings.DrainOnly)
{
    await run.DrainOnlyAsync();
    return;
}

if (settings.OpenLoopOnly is { } rate)
{
    await run.OpenLoopOnlyAsync(rate);
    return;
}

var results = await run.ExecuteAsync();

Directory.CreateDirectory(settings.OutputDirectory);
await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "benchmarks.json"),
    JsonSerializer.Serialize(results, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "benchmarks.md"), MarkdownReport.Render(results));
Console.WriteLine($"Wrote {settings.OutputDirectory}/benchmarks.md and benchmarks.json");
