using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gurukul.Platform.Data;

/// <summary>Reads what a failed save means, the same way on both providers.</summary>
public static class DbErrors
{
    private const int SqlitePrimaryKeyViolation = 1555;
    private const int SqliteUniqueViolation = 2067;
    private const int SqliteConstraint = 19;

    /// <summary>The save inserted a key another request inserted first: a lost race, not a bug.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqlitePrimaryKeyViolation or SqliteUniqueViolation,
        _ => false,
    };

    /// <summary>
    /// The save broke the database rule named <paramref name="rule"/>: an exclusion constraint of that name on PostgreSQL, a trigger
    /// raising that message on SQLite.
    /// </summary>
    public static bool IsRefusedBy(DbUpdateException exception, string rule) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ExclusionViolation && postgres.ConstraintName == rule,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.Message.Contains(rule, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// The work lost a race it can win by running again: another request changed the row first (a concurrency token), or the
    /// database broke a deadlock or a serialization conflict by failing this transaction.
    /// </summary>
    public static bool IsLostRace(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: PostgresException postgres } => IsRetryable(postgres),
        PostgresException postgres => IsRetryable(postgres),
        InvalidOperationException { InnerException: PostgresException postgres } => IsRetryable(postgres),
        _ => false,
    };

    private static bool IsRetryable(PostgresException postgres) =>
        postgres.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
