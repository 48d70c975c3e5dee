using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingProgram.EnrollmentApi.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutboxGivenUpAndVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_pending",
                table: "outbox_messages");

            migrationBuilder.AddColumn<int>(
                name: "event_version",
                table: "outbox_messages",
                type: "integer",
                nullable: false,
                // Rows written before this column existed are all version 1 events.
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "given_up_at",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "unroutable_since",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending",
                table: "outbox_messages",
                columns: new[] { "id", "next_attempt_at" },
                filter: "published_at IS NULL AND given_up_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_created_at",
                table: "idempotency_keys",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_pending",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_idempotency_keys_created_at",
                table: "idempotency_keys");

            migrationBuilder.DropColumn(
                name: "event_version",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "given_up_at",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "unroutable_since",
                table: "outbox_messages");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending",
                table: "outbox_messages",
                columns: new[] { "id", "next_attempt_at" },
                filter: "published_at IS NULL");
        }
    }
}
