namespace TrainingProgram.Tests.Infrastructure;

public static class TestLogFile
{
    /// <summary>TestResults/logs/NAME-TIME.log beside the test project's output, created empty.</summary>
    public static string For(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "logs");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{name}-{DateTime.UtcNow:HHmmss-fff}.log");
    }
}
