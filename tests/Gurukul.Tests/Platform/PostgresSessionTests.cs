using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Platform;

/// <summary>
/// How the app's PostgreSQL sessions are set up: no JIT compilation for short interactive queries (ADR 0015), the hot
/// statements prepared automatically (ADR 0016).
/// </summary>
public sealed class PostgresSessionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("Host=db;Username=app", "-c jit=off")]
    [InlineData("Host=db;Username=app;Options=-c statement_timeout=5000", "-c statement_timeout=5000 -c jit=off")]
    [InlineData("Host=db;Username=app;Options=-c jit=on", "-c jit=on")]
    public void WithoutJit_AddsTheSetting_KeepingOtherOptions_AndAnExplicitChoice(string connectionString, string options) =>
        Assert.Equal(options, new Npgsql.NpgsqlConnectionStringBuilder(DataSetup.WithSessionDefaults(connectionString)).Options);

    [Theory]
    [InlineData("Host=db;Username=app", DataSetup.AutoPreparedStatements)]
    [InlineData("Host=db;Username=app;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Username=app;MaxAutoPrepare=5", 5)]
    public void AutoPrepare_IsOnByDefault_AndAnExplicitChoiceStands(string connectionString, int statements) =>
        Assert.Equal(statements, new Npgsql.NpgsqlConnectionStringBuilder(DataSetup.WithSessionDefaults(connectionString)).MaxAutoPrepare);

    [Theory, AllProviders]
    public async Task TheAppsSessions_RunWithoutJit_OnPostgres(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();

        // SQLite has no JIT: there the same question is which engine answers.
        var answer = provider == DatabaseProvider.Postgres
            ? await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync()
            : db.Database.ProviderName;

        Assert.Equal(provider == DatabaseProvider.Postgres ? "off" : "Microsoft.EntityFrameworkCore.Sqlite", answer);
    }
}
