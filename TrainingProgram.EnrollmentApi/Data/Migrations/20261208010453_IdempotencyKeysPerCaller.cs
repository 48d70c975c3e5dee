using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingProgram.EnrollmentApi.Data.Migrations
{
    /// <inheritdoc />
    public partial class IdempotencyKeysPerCaller : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_idempotency_keys",
                table: "idempotency_keys");

            migrationBuilder.AddColumn<string>(
                name: "caller",
                table: "idempotency_keys",
                type: "character varying(255)",
                maxLength: 255,
                nullable: false,
                defaultValue: "");

            // The caller of a stored key is the actor of what it created: its retries keep working across this change.
            migrationBuilder.Sql("""
                UPDATE idempotency_keys k SET caller = e.created_by FROM enrollments e WHERE k.enrollment_id = e.id;
                UPDATE idempotency_keys k SET caller = w.joined_by FROM waitlist_entries w WHERE k.waitlist_entry_id = w.id;
                """);

            migrationBuilder.AddPrimaryKey(
                name: "pk_idempotency_keys",
                table: "idempotency_keys",
                columns: new[] { "caller", "key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_idempotency_keys",
                table: "idempotency_keys");

            migrationBuilder.DropColumn(
                name: "caller",
                table: "idempotency_keys");

            migrationBuilder.AddPrimaryKey(
                name: "pk_idempotency_keys",
                table: "idempotency_keys",
                column: "key");
        }
    }
}
