using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gurukul.Bench.Chat;

/// <summary>
/// The chat soak of issue 14: people spread over two nodes of one PostgreSQL database, each with several event streams open
/// (API.md <c>GET /api/v1/me/events</c>), and messages posted at a fixed rate on alternating nodes for a fixed time. Every
/// message must reach every stream of both its sender and its recipient exactly once; delivery time is measured from just
/// before the POST to the <c>message</c> event on each stream. Memory per connection is the nodes' resident-set growth
/// while the streams opened, divided by the streams each node holds.
/// </summary>
public static class ChatSoakCommand
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        var nodes = arguments.RequiredText("nodes").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(u => new Uri(u)).ToArray();
        var pids = (arguments.Text("pids") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var pairs = arguments.Number("pairs", 250, 1, 5000);
        var perUser = arguments.Number("connections-per-user", 4, 1, 50);
        var rate = arguments.Number("rate", 50, 1, 1000);
        var duration = arguments.Number("duration", 60, 1, 3600);
        var mentorPopulation = arguments.Number("mentors", 300, 1, 1_000_000);
        arguments.RejectUnknown();

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var clients = nodes.Select(n => new HttpClient(handler, disposeHandler: false) { BaseAddress = n, Timeout = Timeout.InfiniteTimeSpan }).ToArray();
        var watch = Stopwatch.StartNew();
        var people = await ChatPeople.PrepareAsync(clients[0], pairs, mentorPopulation);
        Console.WriteLine($"{people.Count} conversations ready in {watch.Elapsed.TotalSeconds:N0} s (bench mentors signed in, students signed up).");

        var before = pids.Select(ResidentKilobytes).ToArray();
        var streams = new List<SoakListener>();
        using var stop = new CancellationTokenSource();
        var tokens = people.SelectMany(p => new[] { (p.StudentId, p.StudentToken), (p.MentorId, p.MentorToken) })
            .ToDictionary(u => u.Item1, u => u.Item2, StringComparer.Ordinal);
        watch.Restart();
        foreach (var userId in tokens.Keys)
        {
            for (var c = 0; c < perUser; c++)
            {
                streams.Add(new SoakListener(userId, streams.Count % clients.Length));
            }
        }

        var opened = streams.Select(stream => stream.ReadAsync(clients[stream.Node], tokens[stream.UserId], stop.Token)).ToList();
        await Task.WhenAll(streams.Select(s => s.Connected));
        Console.WriteLine($"{streams.Count} event streams open ({streams.Count(s => s.Node == 0)} on {nodes[0]}, {streams.Count(s => s.Node != 0)} on the other) in {watch.Elapsed.TotalSeconds:N1} s.");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var after = pids.Select(ResidentKilobytes).ToArray();
        for (var n = 0; n < pids.Length; n++)
        {
            var held = streams.Count(s => s.Node == n);
            Console.WriteLine($"  node {n + 1} (pid {pids[n]}): resident {before[n] / 1024.0:N0} MB → {after[n] / 1024.0:N0} MB with {held} streams: " +
                $"{(after[n] - before[n]) / (double)Math.Max(held, 1):N1} KB per connection");
        }

        var sent = new ConcurrentDictionary<string, (long StartedTicks, int Pair, bool FromStudent)>(StringComparer.Ordinal);
        var postTimes = new ConcurrentBag<double>();
        var postFailures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var total = rate * duration;
        var posts = new List<Task>(total);
        Console.WriteLine($"Posting {total} messages at {rate}/s for {duration} s, alternating nodes …");
        var sending = Stopwatch.StartNew();
        for (var k = 0; k < total; k++)
        {
            var due = TimeSpan.FromSeconds(k / (double)rate);
            if (due > sending.Elapsed)
            {
                await Task.Delay(due - sending.Elapsed);
            }

            var pair = people[k % people.Count];
            var fromStudent = k / people.Count % 2 == 0;
            posts.Add(PostAsync(clients[k % clients.Length], pair, fromStudent, k, sent, postTimes, postFailures));
        }

        await Task.WhenAll(posts);
        Console.WriteLine($"Posted in {sending.Elapsed.TotalSeconds:N1} s; waiting 5 s for the last deliveries …");
        await Task.Delay(TimeSpan.FromSeconds(5));
        stop.Cancel();
        await Task.WhenAll(opened.Select(o => o.ContinueWith(_ => { }, TaskScheduler.Default)));

        Report(people, streams, sent, postTimes, postFailures, total);
        return 0;
    }

    private static async Task PostAsync(HttpClient client, ChatPeople.Pair pair, bool fromStudent, int k,
        ConcurrentDictionary<string, (long, int, bool)> sent, ConcurrentBag<double> postTimes, ConcurrentDictionary<string, int> failures)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{pair.ConversationId}/messages")
            {
                Content = JsonContent.Create(new { clientId = Guid.NewGuid(), body = $"soak message {k}" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fromStudent ? pair.StudentToken : pair.MentorToken);
            using var response = await client.SendAsync(request);
            postTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                failures.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                return;
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            sent[body.RootElement.GetProperty("id").GetString()!] = (started, k, fromStudent);
        }
        catch (HttpRequestException failure)
        {
            failures.AddOrUpdate(failure.GetType().Name, 1, (_, n) => n + 1);
        }
    }

    private static void Report(IReadOnlyList<ChatPeople.Pair> people, List<SoakListener> streams,
        ConcurrentDictionary<string, (long StartedTicks, int K, bool FromStudent)> sent, ConcurrentBag<double> postTimes,
        ConcurrentDictionary<string, int> postFailures, int total)
    {
        var pairOf = new Dictionary<string, ChatPeople.Pair>(StringComparer.Ordinal);
        foreach (var (id, value) in sent)
        {
            pairOf[id] = people[value.K % people.Count];
        }

        var latencies = new List<double>();
        long expected = 0, received = 0, duplicates = 0, strays = 0;
        foreach (var stream in streams)
        {
            var mine = pairOf.Where(p => p.Value.StudentId == stream.UserId || p.Value.MentorId == stream.UserId).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            expected += mine.Count;
            foreach (var group in stream.Arrivals.GroupBy(a => a.MessageId, StringComparer.Ordinal))
            {
                if (!mine.Contains(group.Key))
                {
                    strays += group.Count();
                    continue;
                }

                received++;
                duplicates += group.Count() - 1;
                latencies.Add(Stopwatch.GetElapsedTime(sent[group.Key].StartedTicks, group.Min(a => a.Ticks)).TotalMilliseconds);
            }
        }

        latencies.Sort();
        var posts = postTimes.Order().ToList();
        Console.WriteLine();
        Console.WriteLine($"messages: {total} posted, {sent.Count} accepted; refused or failed: {(postFailures.IsEmpty ? "none" : string.Join(", ", postFailures.Select(f => $"{f.Key} × {f.Value}")))}");
        Console.WriteLine($"POST latency ms: p50 {Percentile(posts, 0.5):N1}  p95 {Percentile(posts, 0.95):N1}  p99 {Percentile(posts, 0.99):N1}");
        Console.WriteLine($"deliveries: expected {expected:N0} (every stream of sender and recipient), received {received:N0}, " +
            $"lost {expected - received:N0}, duplicated {duplicates:N0}, to a stream not theirs {strays:N0}; streams that failed: {streams.Count(s => s.Failure is not null)}");
        Console.WriteLine($"delivery ms (POST start → event on the stream): p50 {Percentile(latencies, 0.5):N1}  p95 {Percentile(latencies, 0.95):N1}  " +
            $"p99 {Percentile(latencies, 0.99):N1}  max {(latencies.Count > 0 ? latencies[^1] : 0):N1}");
        foreach (var failure in streams.Where(s => s.Failure is not null).GroupBy(s => s.Failure).Take(5))
        {
            Console.WriteLine($"  stream failure × {failure.Count()}: {failure.Key}");
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>VmRSS of a process, in KB (Linux).</summary>
    private static long ResidentKilobytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
