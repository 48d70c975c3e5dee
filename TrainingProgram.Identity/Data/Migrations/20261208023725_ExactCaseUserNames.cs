using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingProgram.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExactCaseUserNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // User and role names now compare exactly (Accounts/ExactUserNames.cs): their lookup keys are the names themselves.
            migrationBuilder.Sql("UPDATE accounts SET normalized_user_name = user_name; UPDATE roles SET normalized_name = name;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE accounts SET normalized_user_name = upper(user_name); UPDATE roles SET normalized_name = upper(name);");
        }
    }
}
