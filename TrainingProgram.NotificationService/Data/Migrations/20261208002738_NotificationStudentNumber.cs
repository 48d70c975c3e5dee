using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingProgram.NotificationService.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotificationStudentNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "student_number",
                table: "notifications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "student_number",
                table: "notifications");
        }
    }
}
