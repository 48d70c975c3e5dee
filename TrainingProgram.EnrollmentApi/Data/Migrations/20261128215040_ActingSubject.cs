using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingProgram.EnrollmentApi.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActingSubject : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "actor",
                table: "outbox_messages",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cancelled_by",
                table: "enrollments",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "created_by",
                table: "enrollments",
                type: "character varying(255)",
                maxLength: 255,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "actor",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "cancelled_by",
                table: "enrollments");

            migrationBuilder.DropColumn(
                name: "created_by",
                table: "enrollments");
        }
    }
}
