using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Gurukul.Tests.Platform;

public sealed class MigrationTests
{
    [Theory, AllProviders]
    public async Task MigratedSchema_MatchesTheEfModel(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider);
        await using var fromModel = await TestDatabase.CreateAsync(provider);
        await using var migratedServices = ServicesFor(migrated);
        await using var modelServices = ServicesFor(fromModel);

        await using (var scope = migratedServices.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync();
        }

        await using (var scope = modelServices.CreateAsyncScope())
        {
            // What EF itself would create for the current model: the reference the hand-written SQL must match.
            Assert.True(await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Database.EnsureCreatedAsync());
        }

        var model = await DescribeAsync(modelServices, provider);
        var actual = await DescribeAsync(migratedServices, provider);
        Assert.NotEmpty(model);
        // The search index (migration 0007, ADR 0014), the availability clock (0012, ADR 0021), the ledger's guards (0014,
        // ADR 0024), the refusal of double bookings (0015, ADR 0026) and the real-time triggers (0016, ADR 0028) are the parts of
        // the schema EF does not model: expected by name.
        Assert.Equal([.. model.Concat(SearchIndexSchema.For(provider)).Concat(AvailabilityClockSchema.For(provider))
            .Concat(LedgerSchema.For(provider)).Concat(BookingsSchema.For(provider)).Concat(RealtimeSchema.For(provider))
            .Order(StringComparer.Ordinal)], actual);
    }

    [Theory, AllProviders]
    public async Task Migrate_RunTwice_AppliesEachMigrationOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = ServicesFor(database);

        var first = await MigrateAsync(services);
        var second = await MigrateAsync(services);

        Assert.Equal(SchemaMigrator.All(provider).Select(m => m.Id), first);
        Assert.Empty(second);
        Assert.Equal(first.Count, await CountAppliedAsync(services));
    }

    [Theory, AllProviders]
    public async Task Migrate_FromTwoProcessesAtOnce_AppliesEachMigrationOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // Separate service providers: separate connection pools, as two app nodes would have.
        await using var nodeA = ServicesFor(database);
        await using var nodeB = ServicesFor(database);

        var results = await Task.WhenAll(MigrateAsync(nodeA), MigrateAsync(nodeB));

        Assert.Equal(SchemaMigrator.All(provider).Count, results.Sum(r => r.Count));
        Assert.Equal(SchemaMigrator.All(provider).Count, await CountAppliedAsync(nodeA));
    }

    [Theory, AllProviders]
    public void EveryProvider_HasTheSameMigrations(DatabaseProvider provider)
    {
        var ids = SchemaMigrator.All(provider).Select(m => m.Id).ToList();

        Assert.NotEmpty(ids);
        Assert.Equal(SchemaMigrator.All(DatabaseProvider.Sqlite).Select(m => m.Id), ids);
        Assert.Equal(SchemaMigrator.All(DatabaseProvider.Postgres).Select(m => m.Id), ids);
    }

    private static ServiceProvider ServicesFor(TestDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.Provider == DatabaseProvider.Postgres ? database.ConnectionString : "",
            ["ConnectionStrings:Sqlite"] = database.Provider == DatabaseProvider.Sqlite ? database.ConnectionString : "",
        }).Build();
        var services = new ServiceCollection().AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddGurukulData(configuration, Path.GetTempPath());
        return services.BuildServiceProvider();
    }

    private static async Task<IReadOnlyList<string>> MigrateAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync();
    }

    private static async Task<IReadOnlyList<string>> DescribeAsync(ServiceProvider services, DatabaseProvider provider)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
        await db.Database.OpenConnectionAsync();
        return await SchemaDescription.ReadAsync(db.Database.GetDbConnection(), provider);
    }

    private static async Task<int> CountAppliedAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
        return await db.Database.SqlQueryRaw<int>("SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM schema_migrations").SingleAsync();
    }
}
