using Gurukul.Platform.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Gurukul.Platform.Realtime;

public static class RealtimeSetup
{
    /// <summary>
    /// The per-user event stream: in-process on SQLite, fanned out through PostgreSQL <c>LISTEN/NOTIFY</c> when PostgreSQL is
    /// configured (which also wakes every node's job runner when a job is enqueued anywhere).
    /// </summary>
    public static IServiceCollection AddGurukulRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RealtimeOptions>().Bind(configuration.GetSection("Realtime"))
            .Validate(o => o.Retention >= TimeSpan.FromMinutes(5), "Realtime:Retention must be at least five minutes (API.md).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RealtimeConnections>();
        services.AddSingleton<Presence>();
        services.AddScoped<RealtimeHub>();
        services.AddScoped<RealtimeEventReader>();
        services.AddHostedService<RealtimeCleanup>();
        // The listener's own connection: kept open for good, so TCP keep-alives tell a dead server from a quiet one.
        services.AddSingleton(provider => new NpgsqlDataSourceBuilder(
            new NpgsqlConnectionStringBuilder(provider.GetRequiredService<DatabaseSettings>().ConnectionString) { KeepAlive = 30 }.ConnectionString).Build());
        services.AddSingleton<IRealtimeBus>(provider => provider.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Postgres
            ? new PostgresBus(provider.GetRequiredService<NpgsqlDataSource>())
            : new InProcessBus(provider.GetRequiredService<RealtimeConnections>()));
        services.AddHostedService<PostgresRealtimeListener>();
        return services;
    }
}
