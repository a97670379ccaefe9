using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Gurukul.Bench.Fuzz;

/// <summary>What the fuzz found: answers by status and operation, every 5xx with its request, statuses the document does not declare.</summary>
public sealed class FuzzReport
{
    private const int SamplesPerKind = 3;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly ConcurrentDictionary<string, int> _perOperation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _serverErrors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _undeclared = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _beforeTheApp = new(StringComparer.Ordinal);
    private int _requests;
    private int _serverErrorCount;

    public int ServerErrors => _serverErrorCount;

    public void Record(FuzzOperation operation, string caller, string request, int status, string body)
    {
        Interlocked.Increment(ref _requests);
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        _perOperation.AddOrUpdate(operation.Name, 1, (_, n) => n + 1);
        var sample = $"as {caller}: {Shorten(request)}\n      → {status} {Shorten(body)}";
        if (status is >= 500 or 0)
        {
            Interlocked.Increment(ref _serverErrorCount);
            Keep(_serverErrors, $"{operation.Name} → {status}", sample);
        }
        else if (body.Length == 0 && status is 400 or 414 or 431)
        {
            // Kestrel refused the request line or headers (too long, a NUL in the path) before any endpoint ran.
            Keep(_beforeTheApp, $"{status}", sample);
        }
        else if (!operation.Declares(status))
        {
            Keep(_undeclared, $"{operation.Name} → {status}", sample);
        }
    }

    public void Print(TextWriter output, TimeSpan elapsed, int renewals)
    {
        output.WriteLine();
        output.WriteLine($"requests: {_requests:N0} in {elapsed.TotalSeconds:N0} s ({_requests / Math.Max(elapsed.TotalSeconds, 0.001):N0}/s) over {_perOperation.Count} operations; identities renewed: {renewals}");
        output.WriteLine("by status: " + string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "no answer" : s.Key)}: {s.Value:N0}")));
        output.WriteLine($"requests per operation: min {_perOperation.Values.DefaultIfEmpty().Min():N0}, max {_perOperation.Values.DefaultIfEmpty().Max():N0}");
        output.WriteLine($"5xx (or no answer): {_serverErrorCount:N0}");
        Section(output, _serverErrors);
        output.WriteLine($"statuses the OpenAPI document does not declare: {_undeclared.Count} kind(s)");
        Section(output, _undeclared);
        output.WriteLine("refused by the web server before the app (bare status, no body):");
        Section(output, _beforeTheApp);
    }

    public string ToJson(TimeSpan elapsed) => JsonSerializer.Serialize(new
    {
        requests = _requests,
        seconds = Math.Round(elapsed.TotalSeconds, 1),
        statuses = _statuses.OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value),
        serverErrors = _serverErrorCount,
        serverErrorKinds = _serverErrors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        undeclared = _undeclared.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        beforeTheApp = _beforeTheApp.ToDictionary(e => e.Key, e => e.Value.ToArray()),
    }, Indented);

    private static void Section(TextWriter output, ConcurrentDictionary<string, ConcurrentQueue<string>> kinds)
    {
        foreach (var (kind, samples) in kinds.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            output.WriteLine("  " + kind);
            foreach (var sample in samples)
            {
                output.WriteLine("    " + sample);
            }
        }
    }

    private static void Keep(ConcurrentDictionary<string, ConcurrentQueue<string>> kinds, string kind, string sample)
    {
        var samples = kinds.GetOrAdd(kind, _ => new ConcurrentQueue<string>());
        if (samples.Count < SamplesPerKind)
        {
            samples.Enqueue(sample);
        }
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 400 ? line : line[..400] + "…";
    }
}
