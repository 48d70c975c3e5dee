using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingProgram.EnrollmentApi.Data.Migrations
{
    /// <inheritdoc />
    public partial class Waitlists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_courses_seats_taken_within_capacity",
                table: "courses");

            migrationBuilder.AlterColumn<Guid>(
                name: "enrollment_id",
                table: "idempotency_keys",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "waitlist_entry_id",
                table: "idempotency_keys",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "seats_held",
                table: "courses",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "waitlist_capacity",
                table: "courses",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "waitlist_length",
                table: "courses",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "waitlist_promotion",
                table: "courses",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Offer");

            migrationBuilder.AddColumn<long>(
                name: "waitlist_tickets",
                table: "courses",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "waitlist_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    student_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    joined_by = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    offered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    offer_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    enrollment_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waitlist_entries", x => x.id);
                    table.CheckConstraint("ck_waitlist_entries_closed_at", "(status IN ('Waiting', 'Offered')) = (closed_at IS NULL)");
                    table.CheckConstraint("ck_waitlist_entries_enrolled", "(status = 'Enrolled') = (enrollment_id IS NOT NULL)");
                    table.CheckConstraint("ck_waitlist_entries_offer", "status IN ('Waiting', 'Left') OR (offered_at IS NOT NULL AND offer_expires_at IS NOT NULL) OR enrollment_id IS NOT NULL");
                    table.CheckConstraint("ck_waitlist_entries_status", "status IN ('Waiting', 'Offered', 'Enrolled', 'Declined', 'Expired', 'Left')");
                    table.ForeignKey(
                        name: "fk_waitlist_entries_courses_course_id",
                        column: x => x.course_id,
                        principalTable: "courses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_waitlist_entries_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_waitlist_entries_students_student_id",
                        column: x => x.student_id,
                        principalTable: "students",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_waitlist_entry_id",
                table: "idempotency_keys",
                column: "waitlist_entry_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_idempotency_keys_one_outcome",
                table: "idempotency_keys",
                sql: "(enrollment_id IS NULL) <> (waitlist_entry_id IS NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_courses_seats_within_capacity",
                table: "courses",
                sql: "seats_taken >= 0 AND seats_held >= 0 AND seats_taken + seats_held <= capacity");

            migrationBuilder.AddCheckConstraint(
                name: "ck_courses_waitlist_capacity",
                table: "courses",
                sql: "waitlist_capacity BETWEEN 0 AND 10000");

            migrationBuilder.AddCheckConstraint(
                name: "ck_courses_waitlist_promotion",
                table: "courses",
                sql: "waitlist_promotion IN ('Offer', 'Automatic')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_courses_waitlist_within_capacity",
                table: "courses",
                sql: "waitlist_length >= 0 AND waitlist_length <= waitlist_capacity");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_course_id_ticket",
                table: "waitlist_entries",
                columns: new[] { "course_id", "ticket" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_enrollment_id",
                table: "waitlist_entries",
                column: "enrollment_id");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_open_offers",
                table: "waitlist_entries",
                column: "offer_expires_at",
                filter: "status = 'Offered'");

            migrationBuilder.CreateIndex(
                name: "ix_waitlist_entries_student_id_joined_at",
                table: "waitlist_entries",
                columns: new[] { "student_id", "joined_at" });

            migrationBuilder.CreateIndex(
                name: "ux_waitlist_entries_one_open_per_student_course",
                table: "waitlist_entries",
                columns: new[] { "student_id", "course_id" },
                unique: true,
                filter: "status IN ('Waiting', 'Offered')");

            migrationBuilder.AddForeignKey(
                name: "fk_idempotency_keys_waitlist_entries_waitlist_entry_id",
                table: "idempotency_keys",
                column: "waitlist_entry_id",
                principalTable: "waitlist_entries",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_idempotency_keys_waitlist_entries_waitlist_entry_id",
                table: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "waitlist_entries");

            migrationBuilder.DropIndex(
                name: "ix_idempotency_keys_waitlist_entry_id",
                table: "idempotency_keys");

            migrationBuilder.DropCheckConstraint(
                name: "ck_idempotency_keys_one_outcome",
                table: "idempotency_keys");

            migrationBuilder.DropCheckConstraint(
                name: "ck_courses_seats_within_capacity",
                table: "courses");

            migrationBuilder.DropCheckConstraint(
                name: "ck_courses_waitlist_capacity",
                table: "courses");

            migrationBuilder.DropCheckConstraint(
                name: "ck_courses_waitlist_promotion",
                table: "courses");

            migrationBuilder.DropCheckConstraint(
                name: "ck_courses_waitlist_within_capacity",
                table: "courses");

            migrationBuilder.DropColumn(
                name: "waitlist_entry_id",
                table: "idempotency_keys");

            migrationBuilder.DropColumn(
                name: "seats_held",
                table: "courses");

            migrationBuilder.DropColumn(
                name: "waitlist_capacity",
                table: "courses");

            migrationBuilder.DropColumn(
                name: "waitlist_length",
                table: "courses");

            migrationBuilder.DropColumn(
                name: "waitlist_promotion",
                table: "courses");

            migrationBuilder.DropColumn(
                name: "waitlist_tickets",
                table: "courses");

            migrationBuilder.AlterColumn<Guid>(
                name: "enrollment_id",
                table: "idempotency_keys",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_courses_seats_taken_within_capacity",
                table: "courses",
                sql: "seats_taken >= 0 AND seats_taken <= capacity");
        }
    }
}
