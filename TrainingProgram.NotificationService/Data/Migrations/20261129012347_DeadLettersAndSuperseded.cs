using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TrainingProgram.NotificationService.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeadLettersAndSuperseded : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_notifications_status",
                table: "notifications");

            migrationBuilder.CreateTable(
                name: "dead_letters",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    queue = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    message_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    message_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    subject = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    exchange = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    routing_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    replays = table.Column<int>(type: "integer", nullable: false),
                    dead_lettered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    content_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    headers = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dead_letters", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_created_at",
                table: "notifications",
                column: "created_at");

            migrationBuilder.AddCheckConstraint(
                name: "ck_notifications_status",
                table: "notifications",
                sql: "status IN ('Pending', 'Sent', 'Failed', 'Superseded')");

            migrationBuilder.CreateIndex(
                name: "ix_dead_letters_reason",
                table: "dead_letters",
                columns: new[] { "reason", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dead_letters");

            migrationBuilder.DropIndex(
                name: "ix_notifications_created_at",
                table: "notifications");

            migrationBuilder.DropCheckConstraint(
                name: "ck_notifications_status",
                table: "notifications");

            migrationBuilder.AddCheckConstraint(
                name: "ck_notifications_status",
                table: "notifications",
                sql: "status IN ('Pending', 'Sent', 'Failed')");
        }
    }
}
