using Gurukul.Features.Accounts;
using Gurukul.Features.Mentors;
using Gurukul.Features.Profiles;
using Gurukul.Features.Reference;
using Gurukul.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting.Internal;
using Npgsql;
using NodaTime;

namespace Gurukul.Bench.Generate;

/// <summary>
/// The target database, reached through the app's own services (its DbContext, migrator, reference-data seeding,
/// Identity role store and password hasher), so the schema and the hashes are exactly what the app would make.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private BenchDatabase(ServiceProvider services, DatabaseSettings settings)
    {
        _services = services;
        Settings = settings;
    }

    public DatabaseSettings Settings { get; }

    public static async Task<BenchDatabase> OpenAsync(DatabaseProvider provider, string connectionString, CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            await CreatePostgresDatabaseIfMissingAsync(connectionString, cancellationToken);
        }

        // Only what is given here: ConnectionStrings__Postgres in the environment must not redirect a SQLite run.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [provider == DatabaseProvider.Postgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite"] = connectionString,
        }).Build();
        var root = Directory.GetCurrentDirectory();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Gurukul", LogLevel.Information));
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddGurukulData(configuration, root);
        services.AddGurukulIdentity(configuration, new HostingEnvironment { EnvironmentName = Environments.Production, ApplicationName = "Gurukul", ContentRootPath = root });
        services.AddScoped<ReferenceService>();
        var built = services.BuildServiceProvider();
        return new BenchDatabase(built, built.GetRequiredService<DatabaseSettings>());
    }

    /// <summary>Runs the app's migrations, loads its shipped reference data and creates its roles, as a first start would.</summary>
    public async Task<IReadOnlyList<string>> PrepareAsync(CancellationToken cancellationToken)
    {
        await using var scope = _services.CreateAsyncScope();
        var applied = await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ReferenceService>().SeedIfEmptyAsync(cancellationToken);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role) && !(await roles.CreateAsync(new IdentityRole(role))).Succeeded)
            {
                throw new BenchException($"Could not create the {role} role.");
            }
        }

        return applied;
    }

    public async Task<int> CountBenchUsersAsync(CancellationToken cancellationToken) =>
        await WithDbAsync(db => BenchUsers(db).CountAsync(cancellationToken));

    /// <summary>Removes every bench account; the database cascades to their profiles, subjects, languages and sessions.</summary>
    public async Task<int> DeleteBenchUsersAsync(CancellationToken cancellationToken) =>
        await WithDbAsync(db => BenchUsers(db).ExecuteDeleteAsync(cancellationToken));

    public async Task<HashSet<string>> TakenSlugsAsync(CancellationToken cancellationToken) => await WithDbAsync(async db =>
        (await db.MentorProfiles.Select(m => m.Slug).Concat(db.Set<MentorSlugRedirect>().Select(r => r.Slug)).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal));

    public async Task<Dictionary<string, string>> RoleIdsAsync(CancellationToken cancellationToken) =>
        await WithDbAsync(db => db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken));

    /// <summary>One hash of the bench password with the app's hasher and settings (PBKDF2, the app's iteration count).</summary>
    public string HashBenchPassword()
    {
        var hasher = _services.GetRequiredService<IPasswordHasher<User>>();
        var user = new User { Name = "bench" };
        var hash = hasher.HashPassword(user, BenchAccounts.Password);
        return hasher.VerifyHashedPassword(user, hash, BenchAccounts.Password) == PasswordVerificationResult.Success
            ? hash
            : throw new BenchException("The app's password hasher does not accept its own hash of the bench password.");
    }

    /// <summary>Reads generated rows back through the app's EF model: proof that the app can load what was written.</summary>
    public async Task<(List<MentorProfile> Mentors, List<(User User, StudentProfile Profile)> Students)> ReadBackAsync(
        IReadOnlyList<string> mentorEmails, IReadOnlyList<string> studentEmails, CancellationToken cancellationToken) => await WithDbAsync(async db =>
    {
        var mentorKeys = mentorEmails.Select(e => e.ToUpperInvariant()).ToList();
        var studentKeys = studentEmails.Select(e => e.ToUpperInvariant()).ToList();
        var mentors = await db.MentorProfiles.AsNoTracking().Include(m => m.User).Include(m => m.Subjects).Include(m => m.Languages).AsSplitQuery()
            .Where(m => mentorKeys.Contains(m.User!.NormalizedEmail!)).ToListAsync(cancellationToken);
        var students = await db.Set<StudentProfile>().AsNoTracking()
            .Join(db.Users.Where(u => studentKeys.Contains(u.NormalizedEmail!)), p => p.UserId, u => u.Id, (p, u) => new { p, u })
            .ToListAsync(cancellationToken);
        return (mentors, students.Select(s => (s.u, s.p)).ToList());
    });

    /// <summary>Bytes the database takes on disk (the SQLite file with its WAL; pg_database_size on PostgreSQL).</summary>
    public async Task<long> SizeBytesAsync(CancellationToken cancellationToken)
    {
        if (Settings.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(Settings.ConnectionString).DataSource;
            return new[] { file, file + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        }

        return await WithDbAsync(db => db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(cancellationToken));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static IQueryable<User> BenchUsers(GurukulDbContext db)
    {
        var suffix = "@" + BenchAccounts.Domain.ToUpperInvariant();
        return db.Users.Where(u => u.NormalizedEmail!.EndsWith(suffix));
    }

    private async Task<T> WithDbAsync<T>(Func<GurukulDbContext, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GurukulDbContext>());
    }

    private static async Task CreatePostgresDatabaseIfMissingAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync(cancellationToken);
        }
        catch (PostgresException missing) when (missing.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            var target = new NpgsqlConnectionStringBuilder(connectionString);
            var name = target.Database!;
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
            Console.WriteLine($"Created PostgreSQL database {name}.");
        }
    }
}
