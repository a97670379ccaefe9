using Microsoft.Data.Sqlite;

namespace Gurukul.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database Gurukul uses. A PostgreSQL connection string (<c>ConnectionStrings:Postgres</c>) selects PostgreSQL;
/// otherwise an embedded SQLite file in the data directory is used.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            return new DatabaseSettings(DatabaseProvider.Postgres, postgres);
        }

        var sqlite = configuration.GetConnectionString("Sqlite");
        var builder = string.IsNullOrWhiteSpace(sqlite)
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory(configuration, contentRoot), "gurukul.db") }
            : new SqliteConnectionStringBuilder(sqlite);
        builder.ForeignKeys = true;
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        return new DatabaseSettings(DatabaseProvider.Sqlite, builder.ToString());
    }

    /// <summary>Where the embedded database (and, later, local files) live: <c>Gurukul:DataDirectory</c>, default <c>data/</c>.</summary>
    public static string DataDirectory(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(configuration["Gurukul:DataDirectory"] is { Length: > 0 } configured
            ? Path.Combine(contentRoot, configured)
            : Path.Combine(contentRoot, "data"));

    /// <summary>A description safe to print: never the password.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite file {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        _ => $"PostgreSQL database {new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database} on {new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Host}",
    };
}
