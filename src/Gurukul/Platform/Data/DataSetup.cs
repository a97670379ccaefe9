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
                    options.UseNpgsql(WithoutJit(settings.ConnectionString));
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
    /// PostgreSQL compiles any query it costs above <c>jit_above_cost</c>; over a large mentor table that compilation took
    /// 340 ms of a 620 ms recommendation query (ADR 0015). Short interactive queries never win it back, so the app's
    /// sessions turn it off, keeping whatever other options the connection string sets.
    /// </summary>
    public static string WithoutJit(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit=", StringComparison.Ordinal) != true)
        {
            builder.Options = string.Join(' ', new[] { builder.Options, "-c jit=off" }.Where(o => !string.IsNullOrWhiteSpace(o)));
        }

        return builder.ConnectionString;
    }
}
