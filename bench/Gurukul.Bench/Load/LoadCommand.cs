using System.Diagnostics;
using System.Net;
using Gurukul.Bench.Catalog;
using Gurukul.Bench.Generate;

namespace Gurukul.Bench.Load;

/// <summary><c>load</c>: a fixed number of concurrent clients against a running app, a warm-up, then a measured run.</summary>
public static class LoadCommand
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        var baseUrl = new Uri(arguments.Text("base") ?? "http://localhost:5080");
        var clients = arguments.Number("clients", 50, 1, 2000);
        var duration = arguments.Number("duration", 60, 1, 86_400);
        var warmup = arguments.Number("warmup", 10, 0, 3600);
        var label = arguments.Text("label");
        var mix = arguments.Text("mix") ?? "search";
        var signedIn = arguments.Number("signed-in", 200, 1, 100_000);
        var population = arguments.Number("students", 200_000, 1, 10_000_000);
        var seed = arguments.Number("seed", 7, 0, int.MaxValue);
        var output = arguments.Text("out");
        var tokenCache = arguments.Text("token-cache");
        var dryRun = arguments.Number("dry-run", 0, 0, 10_000);
        arguments.RejectUnknown();
        var queries = new SearchQueries(Catalogs.Load());
        if (dryRun > 0)
        {
            PrintRequests(queries, dryRun, seed);
            return 0;
        }

        if (mix is not ("search" or "reference" or "scheduling"))
        {
            throw new UsageException("--mix must be search, reference or scheduling.");
        }

        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients + 8,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.All,
        })
        { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

        await CheckReadyAsync(http);
        // The scheduling mix is all public: no students sign in for it.
        var tokens = mix == "scheduling" ? [] : await StudentTokens.GetAsync(http, signedIn, population, seed, tokenCache, TimeSpan.FromSeconds(warmup + duration));
        if (mix == "search")
        {
            await ScoreRecommendationsOnceAsync(http, tokens);
        }

        var operation = mix switch
        {
            "search" => Mixes.Search(queries),
            "reference" => Mixes.Reference(),
            _ => SchedulingMix.Operation(queries, await SchedulingMix.SlugPoolAsync(http, queries, seed)),
        };

        if (warmup > 0)
        {
            Console.WriteLine($"Warming up: {clients} clients for {warmup} s …");
            await RunPhaseAsync(http, clients, TimeSpan.FromSeconds(warmup), tokens, operation, seed + 1);
        }

        Console.WriteLine($"Measuring: {clients} clients for {duration} s …");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (recorder, elapsed) = await RunPhaseAsync(http, clients, TimeSpan.FromSeconds(duration), tokens, operation, seed + 2);
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore) / elapsed;
        var run = new LoadReport.Run(label ?? "unlabelled (pass --label)", baseUrl.ToString(), mix, clients, elapsed, warmup, clientCpu,
            Environment.ProcessorCount, LoadAverage());
        LoadReport.Print(run, recorder);
        if (output is not null)
        {
            await LoadReport.WriteJsonAsync(output, run, recorder);
            Console.WriteLine($"Results written to {output}.");
        }

        return 0;
    }

    /// <summary><c>--dry-run N</c>: the first N search and facet requests the clients would send, without sending them.</summary>
    private static void PrintRequests(SearchQueries queries, int count, int seed)
    {
        var draw = Draw.For(seed, 5, 0);
        for (var i = 0; i < count; i++)
        {
            var search = queries.Search(draw);
            // Unescaped, so the Indian-script queries can be read.
            Console.WriteLine(Uri.UnescapeDataString(i % 4 == 3
                ? $"{"facets",-22} /api/v1/mentors/facets{queries.Facets(draw)}"
                : $"{search.Variant,-22} /api/v1/mentors{search.QueryString}"));
        }
    }

    /// <summary>
    /// A student's list is scored when their profile is saved (the job runner does it), long before they ask; generated
    /// students never saved theirs. Each signed-in student's first request, two at a time, stands in for that job, and its
    /// latency is printed as the cost of scoring a list. The measured run then sees what students see: stored lists.
    /// </summary>
    private static async Task ScoreRecommendationsOnceAsync(HttpClient http, List<string> tokens)
    {
        Console.WriteLine($"Scoring the recommendations of the {tokens.Count} signed-in students once (their first request, 2 at a time) …");
        var times = new System.Collections.Concurrent.ConcurrentBag<double>();
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (token, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/recommendations/mentors?limit=10");
            request.Headers.Authorization = new("Bearer", token);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchException($"GET /api/v1/recommendations/mentors answered {(int)response.StatusCode} while scoring lists.");
            }

            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        });
        var sorted = times.Order().ToList();
        double At(double share) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
        Console.WriteLine($"First request per student (scores and stores the list unless one is stored already): p50 {At(0.5):N1} ms · p95 {At(0.95):N1} ms · max {sorted[^1]:N1} ms");
    }

    /// <summary>The 1-minute load average (Linux): other work on the machine skews every figure, so the report shows it.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static async Task CheckReadyAsync(HttpClient http)
    {
        try
        {
            using var ready = await http.GetAsync("/health/ready");
            if (!ready.IsSuccessStatusCode)
            {
                throw new BenchException($"{http.BaseAddress}health/ready answered {(int)ready.StatusCode}: the app is not ready.");
            }
        }
        catch (HttpRequestException failure)
        {
            throw new BenchException($"Nothing answers at {http.BaseAddress} ({failure.Message}). Start the app first (bench/search-load.sh does).");
        }
    }

    private static async Task<(Recorder Recorder, TimeSpan Elapsed)> RunPhaseAsync(
        HttpClient http, int clients, TimeSpan duration, IReadOnlyList<string> tokens, Func<LoadClient, Task> operation, int seed)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            var client = new LoadClient(http, Draw.For(seed, 4, i), tokens);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await operation(client);
            }

            return client.Recorder;
        }));
        var recorders = await Task.WhenAll(workers);
        return (Recorder.Merge(recorders), Stopwatch.GetElapsedTime(started));
    }
}
