using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingProgram.EnrollmentApi.Data.Configurations;

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public const string PrimaryKey = "pk_idempotency_keys";

    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys", table =>
            table.HasCheckConstraint("ck_idempotency_keys_one_outcome", "(enrollment_id IS NULL) <> (waitlist_entry_id IS NULL)"));
        builder.HasKey(r => new { r.Caller, r.Key }).HasName(PrimaryKey);
        builder.Property(r => r.Caller).HasMaxLength(Actors.MaxLength);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyKey.MaxLength);
        builder.Property(r => r.RequestFingerprint).HasMaxLength(64);
        builder.HasOne(r => r.Enrollment).WithMany().HasForeignKey(r => r.EnrollmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.WaitlistEntry).WithMany().HasForeignKey(r => r.WaitlistEntryId).OnDelete(DeleteBehavior.Cascade);

        // The purge of keys past their retention (IdempotencyRecordPurge), oldest first.
        builder.HasIndex(r => r.CreatedAt);
    }
}
