namespace TrainingProgram.NotificationService.Notifications;

/// <summary>What <see cref="NotificationStore.ClaimAsync"/> found.</summary>
internal enum ClaimResult
{
    /// <summary>This delivery may send the email now.</summary>
    Claimed,

    /// <summary>The email was sent before: a duplicate or redelivered event.</summary>
    AlreadySent,

    /// <summary>Another delivery of the same event is sending it right now.</summary>
    HeldElsewhere,
}
