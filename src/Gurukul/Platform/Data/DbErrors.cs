using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gurukul.Platform.Data;

/// <summary>Reads what a failed save means, the same way on both providers.</summary>
public static class DbErrors
{
    private const int SqlitePrimaryKeyViolation = 1555;
    private const int SqliteUniqueViolation = 2067;

    /// <summary>The save inserted a key another request inserted first: a lost race, not a bug.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqlitePrimaryKeyViolation or SqliteUniqueViolation,
        _ => false,
    };
}
