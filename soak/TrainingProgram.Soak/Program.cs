using TrainingProgram.Soak;

var settings = SoakSettings.Parse(args);
Console.WriteLine($"soak: {settings}; starting the topology");

await using var topology = await SoakTopology.StartAsync(settings);
using var stopOnSignal = topology.StopOnSignal();
var result = await new SoakRun(topology, settings).ExecuteAsync();

result.PrintChecks();
Console.WriteLine($"Wrote {await ReliabilityReport.WriteAsync(result, settings.OutputDirectory)}");
Console.WriteLine(result.Summary);
return result.Passed ? 0 : 1;
