using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Gurukul.Bench.Load;

namespace Gurukul.Bench.SignIn;

/// <summary>
/// <c>signin</c> (issue 16): what everyone else gets while many people sign in at once. First two probes run alone, a search
/// (<c>GET /api/v1/mentors?q=…</c>) and the readiness probe (<c>GET /health/ready</c>), each one request after another with
/// a pause; then the same probes while <c>--clients</c> clients sign in as fast as they can (a closed loop of
/// <c>POST /api/v1/auth/login</c> with the right password: one PBKDF2 verification each on the server). A client told 503 or
/// 429 waits its <c>Retry-After</c>, as a real one would.
/// </summary>
public static class SignInLoadCommand
{
    private const string Login = "POST /api/v1/auth/login";
    private const string Search = "GET /api/v1/mentors?q=maths";
    private const string Ready = "GET /health/ready";

    public static async Task<int> RunAsync(Arguments arguments)
    {
        var baseUrl = new Uri(arguments.Text("base") ?? "http://localhost:5080");
        var clients = arguments.Number("clients", 50, 1, 1000);
        var duration = TimeSpan.FromSeconds(arguments.Number("duration", 30, 1, 3600));
        var warmup = TimeSpan.FromSeconds(arguments.Number("warmup", 10, 0, 600));
        var pause = TimeSpan.FromMilliseconds(arguments.Number("probe-pause", 100, 0, 10_000));
        var label = arguments.Text("label") ?? "unlabelled (pass --label)";
        arguments.RejectUnknown();

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients + 8, AutomaticDecompression = DecompressionMethods.All })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(120),
        };
        var emails = await EnsureAccountsAsync(http, clients);
        if (warmup > TimeSpan.Zero)
        {
            Console.WriteLine($"Warming up for {warmup.TotalSeconds:N0} s (probes and {Math.Min(clients, 4)} sign-in clients) …");
            await PhaseAsync(http, emails.Take(4).ToList(), warmup, pause);
        }

        Console.WriteLine($"Probes alone for {duration.TotalSeconds:N0} s …");
        var (alone, aloneElapsed) = await PhaseAsync(http, [], duration, pause);
        Console.WriteLine($"Probes with {clients} clients signing in, for {duration.TotalSeconds:N0} s …");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (loaded, loadedElapsed) = await PhaseAsync(http, emails, duration, pause);
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu) / loadedElapsed;

        LoadReport.Print(new LoadReport.Run($"{label} · probes alone", baseUrl.ToString(), "sign-in", 0, aloneElapsed, (int)warmup.TotalSeconds, 0,
            Environment.ProcessorCount, LoadAverage()), alone);
        LoadReport.Print(new LoadReport.Run($"{label} · probes while {clients} clients sign in", baseUrl.ToString(), "sign-in", clients, loadedElapsed,
            (int)warmup.TotalSeconds, clientCpu, Environment.ProcessorCount, LoadAverage()), loaded);
        return 0;
    }

    /// <summary>One account per client, <c>signin.N@bench.gurukul.example</c>, signed up through the API unless it exists.</summary>
    private static async Task<List<string>> EnsureAccountsAsync(HttpClient http, int count)
    {
        Console.WriteLine($"Making sure {count} sign-in accounts exist …");
        var emails = Enumerable.Range(1, count).Select(n => $"signin.{n}@{BenchAccounts.Domain}").ToList();
        await Parallel.ForEachAsync(emails, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (email, cancellationToken) =>
        {
            while (true)
            {
                using var response = await http.PostAsJsonAsync("/api/v1/auth/register", new
                {
                    email, password = BenchAccounts.Password, name = "Load Tester", role = "student", dateOfBirth = "1995-06-01",
                }, cancellationToken);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict)
                {
                    return;
                }

                if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests))
                {
                    throw new BenchException($"Signing up {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }

                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken);
            }
        });
        return emails;
    }

    private static async Task<(Recorder Recorder, TimeSpan Elapsed)> PhaseAsync(HttpClient http, IReadOnlyList<string> signingIn, TimeSpan duration, TimeSpan pause)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var probes = new[] { Search, Ready }.Select(probe => Task.Run(async () =>
        {
            var recorder = new Recorder();
            while (Stopwatch.GetTimestamp() < deadline)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, probe.Split(' ')[1]);
                await SendAsync(http, request, recorder.For(probe, ""));
                await Task.Delay(pause);
            }

            return recorder;
        }));
        var signIns = signingIn.Select(email => Task.Run(async () =>
        {
            var recorder = new Recorder();
            while (Stopwatch.GetTimestamp() < deadline)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
                {
                    Content = JsonContent.Create(new { email, password = BenchAccounts.Password }),
                };
                var retryAfter = await SendAsync(http, request, recorder.For(Login, ""));
                if (retryAfter is { } wait)
                {
                    await Task.Delay(wait);
                }
            }

            return recorder;
        }));
        var recorders = await Task.WhenAll(probes.Concat(signIns));
        return (Recorder.Merge(recorders), Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Sends, reads the whole body, records; returns how long to wait when the server said so (503, 429).</summary>
    private static async Task<TimeSpan?> SendAsync(HttpClient http, HttpRequestMessage request, Bucket bucket)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            bucket.Add((int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, body.Length, badBody: false);
            return response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests
                ? response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1)
                : null;
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
        {
            bucket.AddFailure(failure is TaskCanceledException ? "timeout" : "no answer");
            return null;
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
