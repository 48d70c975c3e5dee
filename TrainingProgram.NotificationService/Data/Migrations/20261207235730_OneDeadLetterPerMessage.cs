using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingProgram.NotificationService.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneDeadLetterPerMessage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Copies stored before the index existed: the first of each message is kept.
            migrationBuilder.Sql("""
                DELETE FROM dead_letters later
                USING dead_letters earlier
                WHERE later.queue = earlier.queue AND later.message_id = earlier.message_id AND later.id > earlier.id;
                """);

            migrationBuilder.CreateIndex(
                name: "ux_dead_letters_queue_message_id",
                table: "dead_letters",
                columns: new[] { "queue", "message_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_dead_letters_queue_message_id",
                table: "dead_letters");
        }
    }
}
