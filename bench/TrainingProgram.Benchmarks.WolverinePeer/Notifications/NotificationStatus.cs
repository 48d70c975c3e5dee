namespace TrainingProgram.Benchmarks.WolverinePeer.Notifications;

public enum NotificationStatus
{
    /// <summary>Claimed by a handler; the email may or may not have gone out.</summary>
    Sending,

    /// <summary>Accepted by the SMTP server.</summary>
    Sent,
}
