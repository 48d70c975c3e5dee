using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Notifications;

/// <summary>The resource logs the fixture writes (TestResults/logs/), read while the app keeps writing them.</summary>
public static class ServiceLog
{
    public static async Task<bool> ContainsAsync(TrainingProgramApp app, string text, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(app.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return (await reader.ReadToEndAsync(cancellationToken)).Contains(text, StringComparison.Ordinal);
    }
}
