using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingProgram.Identity.SignIn.Throttling;

public sealed class SignInFailuresConfiguration : IEntityTypeConfiguration<SignInFailures>
{
    public void Configure(EntityTypeBuilder<SignInFailures> builder)
    {
        builder.ToTable("sign_in_failures");
        builder.HasKey(f => new { f.Subject, f.Source });
        builder.Property(f => f.Subject).HasMaxLength(SignInFailures.SubjectMaxLength);
        builder.Property(f => f.Source).HasMaxLength(SignInFailures.SourceMaxLength);
    }
}
