using System.Reflection;
using Xunit;
using Xunit.v3;

namespace TrainingProgram.Testing;

/// <summary>
/// When a test fails, writes the last log lines of each resource of the topology it used to the test's output, which
/// runners show beside the failure (and trx files keep). Apply it to the assembly:
/// <c>[assembly: ResourceLogsOnFailure]</c>. The topology is the one the test class holds (a constructor parameter);
/// when it holds none, every running one.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ResourceLogsOnFailureAttribute : BeforeAfterTestAttribute
{
    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <inheritdoc />
    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        var context = TestContext.Current;
        if (context.TestState?.Result != TestResult.Failed || context.TestOutputHelper is not { } output)
        {
            return;
        }

        var held = context.TestClassInstance?.GetType().GetFields(InstanceFields)
            .Where(field => typeof(TrainingProgramTopology).IsAssignableFrom(field.FieldType))
            .Select(field => field.GetValue(context.TestClassInstance))
            .OfType<TrainingProgramTopology>()
            .ToList() ?? [];
        foreach (var topology in held.Count > 0 ? held : TrainingProgramTopology.Running)
        {
            output.WriteLine($"{topology.GetType().Name}: {topology.Logs.Describe(linesPerResource: 20)}");
        }
    }
}
