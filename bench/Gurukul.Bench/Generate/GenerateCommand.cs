using System.Diagnostics;
using Gurukul.Bench.Catalog;
using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;

namespace Gurukul.Bench.Generate;

/// <summary><c>generate</c>: migrate and seed like the app, then bulk-load a synthetic marketplace and report on it.</summary>
public static class GenerateCommand
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        var provider = arguments.RequiredText("provider") switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            var other => throw new UsageException($"--provider must be sqlite or postgres, not '{other}'."),
        };
        var connection = arguments.RequiredText("connection");
        var mentorCount = arguments.Number("mentors", 100_000, 0, 5_000_000);
        var studentCount = arguments.Number("students", 200_000, 0, 10_000_000);
        var seed = arguments.Number("seed", 42, 0, int.MaxValue);
        var reset = arguments.Flag("reset");
        var skipIfPresent = arguments.Flag("skip-if-present");
        arguments.RejectUnknown();
        if (reset && skipIfPresent)
        {
            throw new UsageException("--reset and --skip-if-present contradict each other: choose one.");
        }

        var cancellationToken = CancellationToken.None;
        var total = Stopwatch.StartNew();
        await using var database = await BenchDatabase.OpenAsync(provider, connection, cancellationToken);
        Console.WriteLine($"Target: {database.Settings.Describe()}");
        var applied = await database.PrepareAsync(cancellationToken);
        Console.WriteLine(applied.Count == 0 ? "Schema up to date; reference data present." : $"Migrated ({string.Join(", ", applied)}) and loaded the reference data.");

        var existing = await database.CountBenchUsersAsync(cancellationToken);
        if (existing > 0)
        {
            if (skipIfPresent)
            {
                Console.WriteLine($"The database already holds {existing:N0} bench accounts: nothing to do (--skip-if-present).");
                return 0;
            }

            if (!reset)
            {
                throw new BenchException($"The database already holds {existing:N0} bench accounts (…@{BenchAccounts.Domain}). " +
                    "Run again with --reset to replace them, or --skip-if-present to keep them.");
            }

            var deleting = Stopwatch.StartNew();
            var deleted = await database.DeleteBenchUsersAsync(cancellationToken);
            Console.WriteLine($"--reset: removed {deleted:N0} bench accounts and their profiles in {deleting.Elapsed.TotalSeconds:F1} s.");
        }

        var (mentors, students) = await GenerateAsync(database, mentorCount, studentCount, seed, cancellationToken);
        var loading = Stopwatch.StartNew();
        var rows = await LoadAsync(database, mentors, students, cancellationToken);
        var loadSeconds = loading.Elapsed.TotalSeconds;
        var size = await database.SizeBytesAsync(cancellationToken);
        Console.WriteLine();
        Console.WriteLine($"Loaded {rows:N0} rows in {loadSeconds:F1} s ({rows / loadSeconds:N0} rows/s); total time {total.Elapsed.TotalSeconds:F1} s.");
        Console.WriteLine($"Database size: {size / 1024.0 / 1024.0:N0} MiB.");

        MarketplaceReport.PrintDistributions(mentors, students);
        var samples = await database.ReadBackAsync(
            MentorSamples(mentors).Select(BenchAccounts.MentorEmail).ToList(), Samples(students.Length).Select(BenchAccounts.StudentEmail).ToList(), cancellationToken);
        MarketplaceReport.PrintSamples(samples.Mentors, samples.Students);
        return 0;
    }

    private static async Task<(MentorRow[] Mentors, StudentRow[] Students)> GenerateAsync(
        BenchDatabase database, int mentorCount, int studentCount, int seed, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var catalogs = Catalogs.Load();
        var reference = new ReferenceSeed();
        CatalogCheck.Validate(catalogs, reference);
        var people = new People(catalogs);
        var mentorFactory = new MentorFactory(catalogs, reference, people, seed);
        var studentFactory = new StudentFactory(catalogs, people, seed);
        var availabilityFactory = new AvailabilityFactory(seed);
        // Overrides fall in the weeks after the day of generation (the benchmark runs soon after it).
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var mentors = new MentorRow[mentorCount];
        var students = new StudentRow[studentCount];
        Parallel.For(0, mentorCount, i =>
        {
            mentors[i] = mentorFactory.Create(i);
            mentors[i].Availability = availabilityFactory.Create(i, mentors[i], today);
        });
        Parallel.For(0, studentCount, i => students[i] = studentFactory.Create(i));

        // Slugs are given in mentor order, as the app would on sign-up: the same name gets -2, -3 … (the app's own rule).
        var taken = await database.TakenSlugsAsync(cancellationToken);
        foreach (var mentor in mentors)
        {
            mentor.Slug = Slugs.Unique(Slugs.From(mentor.User.Name), taken.Contains);
            taken.Add(mentor.Slug);
        }

        Console.WriteLine($"Generated {mentorCount:N0} mentors and {studentCount:N0} students (seed {seed}) in {watch.Elapsed.TotalSeconds:F1} s.");
        var scheduled = mentors.Where(m => m.Availability is not null).ToList();
        Console.WriteLine($"Availability: {scheduled.Count:N0} mentors have weekly hours ({scheduled.Count(m => m.Country != "IN"):N0} outside India, "
            + $"{scheduled.Select(m => m.TimeZone).Distinct().Count()} zones), {scheduled.Sum(m => m.Availability!.Weekly.Count):N0} weekly intervals, "
            + $"{scheduled.Sum(m => m.Availability!.Overrides.Count):N0} date overrides from {today:yyyy-MM-dd}.");
        return (mentors, students);
    }

    private static async Task<long> LoadAsync(BenchDatabase database, MentorRow[] mentors, StudentRow[] students, CancellationToken cancellationToken)
    {
        var roles = await database.RoleIdsAsync(cancellationToken);
        var hash = database.HashBenchPassword();
        var connection = database.Settings.ConnectionString;
        await using IBulkLoader loader = database.Settings.Provider == DatabaseProvider.Postgres
            ? await PostgresLoader.OpenAsync(connection, cancellationToken)
            : await SqliteLoader.OpenAsync(connection, cancellationToken);
        long rows = 0;
        async Task Step<T>(Table<T> table, IEnumerable<T> items)
        {
            var watch = Stopwatch.StartNew();
            var written = await loader.LoadAsync(table, items, cancellationToken);
            rows += written;
            Console.WriteLine($"  {table.Name,-18} {written,10:N0} rows  {watch.Elapsed.TotalSeconds,6:F1} s  {written / Math.Max(0.001, watch.Elapsed.TotalSeconds),10:N0} rows/s");
        }

        Console.WriteLine("Loading:");
        await Step(Tables.Users(hash), mentors.Select(m => m.User).Concat(students.Select(s => s.User)));
        await Step(Tables.UserRoles(roles["mentor"]), mentors.Select(m => m.User));
        await Step(Tables.UserRoles(roles["student"]), students.Select(s => s.User));
        await Step(Tables.MentorProfiles, mentors);
        await Step(Tables.MentorSubjects, mentors);
        await Step(Tables.MentorLanguages, mentors);
        await Step(Tables.MentorAvailability, mentors);
        await Step(Tables.MentorWeeklyHours, mentors);
        await Step(Tables.MentorDateOverrides, mentors);
        await Step(Tables.MentorOverrideHours, mentors);
        await Step(Tables.StudentProfiles, students);
        var finishing = Stopwatch.StartNew();
        await loader.FinishAsync(cancellationToken);
        Console.WriteLine(database.Settings.Provider == DatabaseProvider.Postgres
            ? $"  commit + VACUUM ANALYZE {finishing.Elapsed.TotalSeconds,22:F1} s"
            : $"  foreign_key_check + WAL + ANALYZE {finishing.Elapsed.TotalSeconds,13:F1} s");
        return rows;
    }

    /// <summary>The first mentors written wholly or partly in an Indian script and the first living abroad, besides the usual spread.</summary>
    private static IEnumerable<int> MentorSamples(MentorRow[] mentors)
    {
        var special = new List<int>();
        void First(Func<MentorRow, bool> test)
        {
            var index = Array.FindIndex(mentors, m => test(m));
            if (index >= 0)
            {
                special.Add(index + 1);
            }
        }

        First(m => MarketplaceReport.HasIndianScript(m.Bio[..Math.Min(20, m.Bio.Length)]));
        First(m => !MarketplaceReport.HasIndianScript(m.Bio[..Math.Min(20, m.Bio.Length)]) && MarketplaceReport.HasIndianScript(m.Bio));
        First(m => m.Country != "IN");
        return Samples(mentors.Length).Concat(special).Distinct();
    }

    /// <summary>Numbers 1, 2, 3 and a few spread through the range, to read back and show.</summary>
    private static IEnumerable<int> Samples(int count) =>
        new[] { 1, 2, 3, count / 3, (2 * count) / 3, count }.Where(n => n >= 1 && n <= count).Distinct();
}
