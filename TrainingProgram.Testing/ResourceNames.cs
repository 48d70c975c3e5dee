namespace TrainingProgram.Testing;

/// <summary>The names of the AppHost's resources, as the dashboard shows them.</summary>
public static class ResourceNames
{
    /// <summary>The PostgreSQL server.</summary>
    public const string Postgres = "postgres";

    /// <summary>The Enrollment API's database.</summary>
    public const string EnrollmentDb = "enrollmentdb";

    /// <summary>The Notification Service's database.</summary>
    public const string NotificationDb = "notificationdb";

    /// <summary>The identity provider's database.</summary>
    public const string IdentityDb = "identitydb";

    /// <summary>The RabbitMQ broker.</summary>
    public const string Messaging = "messaging";

    /// <summary>The Enrollment API's own user on the broker (it may publish enrollment events, nothing else).</summary>
    public const string MessagingEnrollmentApi = "messaging-enrollment-api";

    /// <summary>The Notification Service's own user on the broker (it may consume its queues, not publish events).</summary>
    public const string MessagingNotificationService = "messaging-notification-service";

    /// <summary>The development SMTP server (smtp4dev) and its inbox.</summary>
    public const string Mail = "mail";

    /// <summary>The OpenID Connect provider that signs students and registrars in.</summary>
    public const string Identity = "identity";

    /// <summary>The Enrollment API.</summary>
    public const string EnrollmentApi = "enrollment-api";

    /// <summary>The Notification Service.</summary>
    public const string NotificationService = "notification-service";

    /// <summary>Every resource the topology starts, servers first.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Postgres, EnrollmentDb, NotificationDb, IdentityDb, Messaging, MessagingEnrollmentApi, MessagingNotificationService, Mail, Identity,
            EnrollmentApi, NotificationService];
}
