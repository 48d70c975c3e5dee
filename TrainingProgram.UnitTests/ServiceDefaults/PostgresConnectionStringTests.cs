using Npgsql;
using TrainingProgram.ServiceDefaults.Data;

namespace TrainingProgram.UnitTests.ServiceDefaults;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void The_connection_string_gains_prepared_statements_a_bounded_pool_and_no_reset_on_close_and_keeps_everything_else()
    {
        // A password with the separators in it, quoted as Aspire's connection strings quote it.
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = 5433, Username = "postgres", Password = "s3cr;et=", Database = "enrollmentdb",
        }.ConnectionString;

        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Tune(connectionString, maxPoolSize: 24));

        Assert.Equal(64, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.Equal(24, tuned.MaxPoolSize);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("s3cr;et=", tuned.Password);
        Assert.Equal(5433, tuned.Port);
        Assert.Equal("enrollmentdb", tuned.Database);
    }

    [Fact]
    public void A_missing_connection_string_stays_missing_so_the_integration_reports_it() =>
        Assert.Null(PostgresConnectionString.Tune(null, maxPoolSize: 24));
}
