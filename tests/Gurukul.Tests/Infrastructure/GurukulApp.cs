using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gurukul.Tests.Infrastructure;

/// <summary>
/// Gurukul in-process on its own fresh database, through the real Program (migrations, seeding, middleware).
/// Settings are passed the way an operator would: configuration keys such as <c>GURUKUL_ADMIN_EMAIL</c>.
/// Every API response the tests provoke is checked against the OpenAPI document the app serves (<see cref="ApiResponseRecorder"/>):
/// a mismatch fails the request, and so the test, that got it.
/// </summary>
public sealed class GurukulApp : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _ownsDatabase;
    private readonly string _environment;
    private readonly ApiResponseRecorder _responses = new();

    public GurukulApp(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, bool ownsDatabase = true, string environment = "Testing")
    {
        Database = database;
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        _ownsDatabase = ownsDatabase;
        _environment = environment;
    }

    public TestDatabase Database { get; }

    public static async Task<GurukulApp> StartAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var app = new GurukulApp(await TestDatabase.CreateAsync(provider), settings, services);
        _ = app.Server; // start now, so migrations and seeding happen before the test's first request
        return app;
    }

    /// <summary>A scope for reaching services (the DbContext, …) of the running app.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(_responses));
        builder.UseSetting("ConnectionStrings:Postgres", Database.Provider == DatabaseProvider.Postgres ? Database.ConnectionString : "");
        builder.UseSetting("ConnectionStrings:Sqlite", Database.Provider == DatabaseProvider.Sqlite ? Database.ConnectionString : "");
        builder.UseSetting("Gurukul:DemoData", "true");
        // Every test client shares one address; tests of the limit itself set their own.
        builder.UseSetting("RateLimits:Auth:PermitLimit", "100000");
        // Tests sign up many people at once on two cores: let them all wait their turn at hashing (tests of the queue set their own).
        builder.UseSetting("PasswordHashing:QueueLimit", "1000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // The test server has no connection, so no client address: requests arrive as from a proxy on this machine (what
        // Production behind nginx sees), and tests that need distinct clients say who they are in X-Forwarded-For.
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, LoopbackPeer>());
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
        // Each mismatch already failed its request; a caller that swallowed that failure still hears of it here.
        if (_responses.Mismatches.Count > 0)
        {
            throw new OpenApiMismatchException([.. _responses.Mismatches]);
        }
    }
}

/// <summary>Gives test-server requests the loopback address as their peer, before any of the app's middleware runs.</summary>
internal sealed class LoopbackPeer : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}
