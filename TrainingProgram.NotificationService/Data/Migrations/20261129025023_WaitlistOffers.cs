using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingProgram.NotificationService.Data.Migrations
{
    /// <inheritdoc />
    public partial class WaitlistOffers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_notifications_kind",
                table: "notifications");

            migrationBuilder.RenameColumn(
                name: "enrollment_id",
                table: "notifications",
                newName: "subject_id");

            migrationBuilder.RenameIndex(
                name: "ix_notifications_enrollment_id",
                table: "notifications",
                newName: "ix_notifications_subject_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_notifications_kind",
                table: "notifications",
                sql: "kind IN ('EnrollmentCreated', 'EnrollmentCancelled', 'WaitlistOfferMade', 'WaitlistOfferLapsed')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_notifications_kind",
                table: "notifications");

            migrationBuilder.RenameColumn(
                name: "subject_id",
                table: "notifications",
                newName: "enrollment_id");

            migrationBuilder.RenameIndex(
                name: "ix_notifications_subject_id",
                table: "notifications",
                newName: "ix_notifications_enrollment_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_notifications_kind",
                table: "notifications",
                sql: "kind IN ('EnrollmentCreated', 'EnrollmentCancelled')");
        }
    }
}
