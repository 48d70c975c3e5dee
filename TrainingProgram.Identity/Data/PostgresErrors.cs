using Npgsql;

namespace TrainingProgram.Identity.Data;

public static class PostgresErrors
{
    /// <summary>True when <paramref name="exception"/> is a unique violation (23505) of the named index or key.</summary>
    public static bool IsUniqueViolation(this Exception exception, string constraintName) =>
        (exception as PostgresException ?? exception.InnerException as PostgresException) is { SqlState: PostgresErrorCodes.UniqueViolation } error
        && error.ConstraintName == constraintName;
}
