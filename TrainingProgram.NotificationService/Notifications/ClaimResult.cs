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

    /// <summary>A confirmation whose enrollment's cancellation was handled first: it is not sent.</summary>
    Superseded,

    /// <summary>A cancellation whose enrollment's confirmation is being sent right now: it goes after it.</summary>
    WaitForEarlier,
}
