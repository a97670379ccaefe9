using System.Globalization;
using System.Text.Json;

namespace Gurukul.Bench.Load;

/// <summary>The figures: per endpoint (and per kind of search) requests, errors by status, throughput and latency percentiles.</summary>
public static class LoadReport
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public sealed record Run(
        string Label, string BaseUrl, string Mix, int Clients, TimeSpan Elapsed, int WarmupSeconds, double ClientCpuCores, int MachineCores, string LoadAverage);

    public sealed record Line(string Endpoint, string? Variant, int Requests, int Ok, double RequestsPerSecond, Dictionary<string, int> Errors, int BadBodies,
        double? P50, double? P95, double? P99, double? Max, double MeanBytes);

    public static void Print(Run run, Recorder recorder)
    {
        var seconds = run.Elapsed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"Gurukul load benchmark · {run.Label} · {run.BaseUrl} · mix {run.Mix} · {run.Clients} clients · "
            + $"{seconds:F1} s measured after {run.WarmupSeconds} s warm-up · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"{"endpoint",-44} {"requests",9} {"req/s",8} {"errors",-16} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"KiB",6}");
        foreach (var line in Lines(run, recorder))
        {
            var name = line.Variant is null ? line.Endpoint : "  " + line.Variant;
            var errors = line.Errors.Count == 0 ? "-" : string.Join(" ", line.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key}×{e.Value}"));
            Console.WriteLine($"{Clip(name, 44),-44} {line.Requests,9:N0} {line.RequestsPerSecond,8:N1} {Clip(errors, 16),-16} "
                + $"{Ms(line.P50),8} {Ms(line.P95),8} {Ms(line.P99),8} {Ms(line.Max),8} {line.MeanBytes / 1024,6:N1}");
        }

        Console.WriteLine($"Latency is for 2xx responses, measured at the client until the whole body has arrived. The load tool used "
            + $"{run.ClientCpuCores:N2} of the machine's {run.MachineCores} cores while measuring; load average at the end: {run.LoadAverage}.");
        foreach (var (endpoint, variants) in recorder.Endpoints.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var requests = variants.Values.Sum(b => b.Requests);
            var notFound = variants.Values.Sum(b => b.Errors.GetValueOrDefault("404"));
            if (notFound * 2 >= requests)
            {
                Console.WriteLine($"NOTE: {endpoint} answered 404 to {notFound:N0} of {requests:N0} requests: this server does not have that endpoint "
                    + "(API.md \"Finding mentors\"; issue 5 builds it). Its figures measure nothing yet.");
            }

            var bad = variants.Values.Sum(b => b.BadBodies);
            if (bad > 0)
            {
                Console.WriteLine($"NOTE: {endpoint}: {bad:N0} sampled 2xx bodies did not have the shape API.md gives.");
            }
        }
    }

    public static async Task WriteJsonAsync(string path, Run run, Recorder recorder)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, new { run, lines = Lines(run, recorder) }, Indented);
    }

    private static List<Line> Lines(Run run, Recorder recorder)
    {
        var lines = new List<Line>();
        var all = new Bucket();
        foreach (var (endpoint, variants) in recorder.Endpoints.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var total = new Bucket();
            foreach (var bucket in variants.Values)
            {
                total.Merge(bucket);
            }

            all.Merge(total);
            lines.Add(LineFor(endpoint, null, total, run.Elapsed));
            if (variants.Count > 1 || !variants.ContainsKey(""))
            {
                lines.AddRange(variants.OrderByDescending(v => v.Value.Requests).Select(v => LineFor(endpoint, v.Key, v.Value, run.Elapsed)));
            }
        }

        lines.Add(LineFor("all endpoints", null, all, run.Elapsed));
        return lines;
    }

    private static Line LineFor(string endpoint, string? variant, Bucket bucket, TimeSpan elapsed)
    {
        var sorted = bucket.OkMilliseconds.Order().ToList();
        return new Line(endpoint, variant, bucket.Requests, sorted.Count, bucket.Requests / elapsed.TotalSeconds, bucket.Errors, bucket.BadBodies,
            Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted.Count == 0 ? null : sorted[^1],
            bucket.Requests == 0 ? 0 : (double)bucket.Bytes / bucket.Requests);
    }

    /// <summary>Nearest-rank percentile over every recorded sample (exact, no histogram buckets).</summary>
    private static double? Percentile(List<double> sorted, double percentile) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Ms(double? value) => value is { } v ? v.ToString("N1", CultureInfo.InvariantCulture) : "-";

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
