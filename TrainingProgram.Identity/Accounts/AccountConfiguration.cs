using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingProgram.Identity.Accounts;

public sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public const string UniqueStudentNumber = "ix_accounts_student_number";

    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.Property(a => a.StudentNumber).HasMaxLength(Account.StudentNumberMaxLength);
        builder.Property(a => a.DisplayName).HasMaxLength(Account.DisplayNameMaxLength);

        // One sign-in account per student record; the database holds the rule, not only the code.
        builder.HasIndex(a => a.StudentNumber).IsUnique().HasDatabaseName(UniqueStudentNumber);
    }
}
