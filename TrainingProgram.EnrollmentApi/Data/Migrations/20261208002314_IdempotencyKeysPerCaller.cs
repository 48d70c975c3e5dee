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

            // Keys stored before have no known caller and match nobody's retry: such a retry is judged afresh (409
            // already-enrolled while the enrollment is active), as after the retention.
            migrationBuilder.AddColumn<string>(
                name: "caller",
                table: "idempotency_keys",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

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
