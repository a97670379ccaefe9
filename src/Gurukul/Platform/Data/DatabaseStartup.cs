using Gurukul.Features.Accounts;
using Gurukul.Features.Prices;
using Gurukul.Features.Reference;
using Gurukul.Platform.Demo;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Platform.Data;

/// <summary>What runs before the first request: migrate, load reference data, make sure there is an admin, seed demo data.</summary>
public static partial class DatabaseStartup
{
    public static async Task<StartupReport> PrepareDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var settings = services.GetRequiredService<DatabaseSettings>();
        var migrated = await services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        await services.GetRequiredService<ReferenceService>().SeedIfEmptyAsync(cancellationToken);
        await services.GetRequiredService<ExchangeRates>().SeedIfEmptyAsync(cancellationToken);
        var admin = await services.GetRequiredService<AdminBootstrap>().EnsureAdminAsync();
        var demoMentors = DemoMarketplace.IsEnabled(app.Configuration, settings)
            ? await services.GetRequiredService<DemoMarketplace>().SeedIfEmptyAsync(cancellationToken)
            : 0;
        if (app.Logger.IsEnabled(LogLevel.Information))
        {
            LogPrepared(app.Logger, settings.Describe(), migrated.Count, demoMentors);
        }

        return new StartupReport(settings, admin);
    }

    /// <summary>
    /// Command-line verbs: <c>migrate</c> brings the schema up to date and exits; <c>schema-script</c> prints the
    /// schema the EF model expects for the configured provider (the starting point of a new migration file).
    /// Returns false when the arguments name no verb, so the web app should start.
    /// </summary>
    public static async Task<bool> TryRunCommandAsync(this WebApplication app, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "migrate":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var applied = await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync();
                    await Console.Out.WriteLineAsync(applied.Count == 0
                        ? "The database schema is up to date."
                        : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
                }

                return true;
            case "schema-script":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    await Console.Out.WriteLineAsync(scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Database.GenerateCreateScript());
                }

                return true;
            default:
                return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Database}): {MigrationCount} migration(s) applied, {DemoMentors} demo mentor(s) seeded")]
    private static partial void LogPrepared(ILogger logger, string database, int migrationCount, int demoMentors);
}

public sealed record StartupReport(DatabaseSettings Database, AdminCredentials? CreatedAdmin);
