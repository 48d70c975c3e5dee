using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Notifications;

/// <summary>The resource logs the fixture writes (TestResults/logs/), read while the app keeps writing them.</summary>
public static class ServiceLog
{
    public static async Task<bool> ContainsAsync(TrainingProgramApp app, string text, CancellationToken cancellationToken) =>
        await CountAsync(app, text, cancellationToken) > 0;

    /// <summary>How many times <paramref name="text"/> occurs in the resource logs of this test app so far.</summary>
    public static async Task<int> CountAsync(TrainingProgramApp app, string text, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(app.Logs.FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var log = await reader.ReadToEndAsync(cancellationToken);
        var count = 0;
        for (var at = log.IndexOf(text, StringComparison.Ordinal); at >= 0; at = log.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
