using System.Diagnostics;

namespace TrainingProgram.NotificationService.Telemetry;

/// <summary>The service's spans. The name starts with "TrainingProgram." so the service defaults export it.</summary>
internal static class NotificationTracing
{
    public const string SourceName = "TrainingProgram.NotificationService";

    public static readonly ActivitySource Source = new(SourceName);
}
