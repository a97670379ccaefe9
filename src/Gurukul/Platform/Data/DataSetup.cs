using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Platform.Data;

public static class DataSetup
{
    public static IServiceCollection AddGurukulData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var settings = DatabaseSettings.From(configuration, contentRoot);
        services.AddSingleton(settings);
        services.AddDbContextPool<GurukulDbContext>(options =>
        {
            switch (settings.Provider)
            {
                case DatabaseProvider.Postgres:
                    // No automatic retries: use cases run in their own transactions, and replaying a half-known write
                    // (a payment, a sign-up) is worse than reporting the failure.
                    options.UseNpgsql(WithSessionDefaults(settings.ConnectionString));
                    break;
                default:
                    Directory.CreateDirectory(Path.GetDirectoryName(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource) is { Length: > 0 } dir ? dir : ".");
                    options.UseSqlite(settings.ConnectionString).AddInterceptors(new SqlitePragmas());
                    break;
            }
        });
        services.AddScoped<SchemaMigrator>();
        return services;
    }

    /// <summary>
    /// The app's PostgreSQL sessions, keeping whatever the connection string sets explicitly:
    /// <list type="bullet">
    /// <item>no JIT: PostgreSQL compiles any query it costs above <c>jit_above_cost</c>; over a large mentor table that
    /// compilation took 340 ms of a 620 ms recommendation query (ADR 0015). Short interactive queries never win it back.</item>
    /// <item>automatic preparation of the statements a connection runs most: the same few queries (the search clock, the
    /// session, a recommendation list) run on every request, and parsing and planning them each time was a third of
    /// PostgreSQL's CPU in the search benchmark (ADR 0016). Set <c>Max Auto Prepare=0</c> behind a pooler in transaction
    /// mode, which cannot keep prepared statements.</item>
    /// </list>
    /// </summary>
    public static string WithSessionDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit=", StringComparison.Ordinal) != true)
        {
            builder.Options = string.Join(' ', new[] { builder.Options, "-c jit=off" }.Where(o => !string.IsNullOrWhiteSpace(o)));
        }

        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        return builder.ConnectionString;
    }

    /// <summary>How many statements each connection prepares automatically: more than the app's hot queries.</summary>
    public const int AutoPreparedStatements = 32;
}
