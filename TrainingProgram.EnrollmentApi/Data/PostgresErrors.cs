using Npgsql;

namespace TrainingProgram.EnrollmentApi.Data;

public static class PostgresErrors
{
    /// <summary>True when <paramref name="exception"/> is a unique violation (23505) of the named index or key.</summary>
    public static bool IsUniqueViolation(this Exception exception, string constraintName) =>
        Find(exception) is { SqlState: PostgresErrorCodes.UniqueViolation } error && error.ConstraintName == constraintName;

    /// <summary>True when <paramref name="exception"/> is a check violation (23514) of the named constraint.</summary>
    public static bool IsCheckViolation(this Exception exception, string constraintName) =>
        Find(exception) is { SqlState: PostgresErrorCodes.CheckViolation } error && error.ConstraintName == constraintName;

    private static PostgresException? Find(Exception exception) =>
        exception as PostgresException ?? exception.InnerException as PostgresException;
}
