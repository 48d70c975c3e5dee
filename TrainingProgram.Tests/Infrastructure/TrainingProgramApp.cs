namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// The test kit's topology in the mode named by TEST_INFRASTRUCTURE_MODE (default local), so that scripts/test.sh
/// runs the same tests in both modes. Resource logs go to TestResults/logs/NAME-TIME.log.
/// </summary>
public class TrainingProgramApp : TrainingProgramTopology
{
    public static string InfrastructureMode => Environment.GetEnvironmentVariable("TEST_INFRASTRUCTURE_MODE") is { Length: > 0 } mode ? mode : "local";

    protected override IEnumerable<string> AppHostArguments => [$"--Infrastructure:Mode={InfrastructureMode}"];
}
