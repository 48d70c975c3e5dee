using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingProgram.NotificationService.Notifications;

namespace TrainingProgram.NotificationService.Data;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public const string Table = "notifications";

    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable(Table, table =>
        {
            table.HasCheckConstraint("ck_notifications_status", "status IN ('Pending', 'Sent', 'Failed', 'Superseded')");
            table.HasCheckConstraint("ck_notifications_kind", "kind IN ('EnrollmentCreated', 'EnrollmentCancelled', 'WaitlistOfferMade', 'WaitlistOfferLapsed')");
            table.HasCheckConstraint("ck_notifications_attempts", "attempts >= 0");
            table.HasCheckConstraint("ck_notifications_sent_at", "status <> 'Sent' OR sent_at IS NOT NULL");
        });

        builder.HasKey(notification => notification.EventId).HasName("pk_notifications");
        builder.Property(notification => notification.EventId).HasColumnName("event_id").ValueGeneratedNever();
        builder.Property(notification => notification.SubjectId).HasColumnName("subject_id");
        builder.Property(notification => notification.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(32);
        builder.Property(notification => notification.Recipient).HasColumnName("recipient").HasMaxLength(320);
        builder.Property(notification => notification.StudentNumber).HasColumnName("student_number").HasMaxLength(Notification.StudentNumberMaxLength);
        builder.Ignore(notification => notification.SendBy);
        builder.Property(notification => notification.Subject).HasColumnName("subject").HasMaxLength(500);
        builder.Property(notification => notification.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        builder.Property(notification => notification.Attempts).HasColumnName("attempts");
        builder.Property(notification => notification.LastError).HasColumnName("last_error").HasMaxLength(2000);
        builder.Property(notification => notification.CreatedAt).HasColumnName("created_at");
        builder.Property(notification => notification.SentAt).HasColumnName("sent_at");
        builder.Property(notification => notification.TraceId).HasColumnName("trace_id").HasMaxLength(32);
        builder.Property(notification => notification.ClaimedUntil).HasColumnName("claimed_until");

        builder.HasIndex(notification => notification.SubjectId).HasDatabaseName("ix_notifications_subject_id");

        // The purge of settled notifications past their retention (SettledNotificationPurge), oldest first.
        builder.HasIndex(notification => notification.CreatedAt).HasDatabaseName("ix_notifications_created_at");
    }
}
