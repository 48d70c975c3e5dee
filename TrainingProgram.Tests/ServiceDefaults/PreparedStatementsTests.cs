using Npgsql;
using TrainingProgram.ServiceDefaults.Data;

namespace TrainingProgram.Tests.ServiceDefaults;

public sealed class PreparedStatementsTests
{
    [Fact]
    public void The_connection_string_gains_automatic_preparation_and_keeps_everything_else()
    {
        // A password with the separators in it, quoted as Aspire's connection strings quote it.
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = 5433, Username = "postgres", Password = "s3cr;et=", Database = "enrollmentdb",
        }.ConnectionString;

        var enabled = new NpgsqlConnectionStringBuilder(PreparedStatements.Enable(connectionString));

        Assert.Equal(64, enabled.MaxAutoPrepare);
        Assert.Equal(2, enabled.AutoPrepareMinUsages);
        Assert.Equal("s3cr;et=", enabled.Password);
        Assert.Equal(5433, enabled.Port);
        Assert.Equal("enrollmentdb", enabled.Database);
    }

    [Fact]
    public void A_missing_connection_string_stays_missing_so_the_integration_reports_it() =>
        Assert.Null(PreparedStatements.Enable(null));
}
