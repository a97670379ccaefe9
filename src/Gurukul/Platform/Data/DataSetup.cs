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
                    options.UseNpgsql(settings.ConnectionString);
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
}
