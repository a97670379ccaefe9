using System.Diagnostics;

namespace Gurukul.Bench.Load;

/// <summary>
/// CPU the server spent while measuring: the app's process and the PostgreSQL backends serving the bench database. On a
/// shared, busy machine latency reflects everyone's load, but CPU per request is the server's own cost (ADR 0016).
/// </summary>
public sealed class ServerCpu(int? appProcessId, string? databaseName)
{
    public readonly record struct Sample(TimeSpan App, TimeSpan Database);

    public Sample Take() => new(AppTime(), DatabaseTime());

    public static string Describe(Sample before, Sample after, int requests, string? databaseName)
    {
        var app = (after.App - before.App).TotalMilliseconds / Math.Max(requests, 1);
        var database = (after.Database - before.Database).TotalMilliseconds / Math.Max(requests, 1);
        return databaseName is null
            ? $"Server CPU per request while measuring: app {app:N2} ms."
            : $"Server CPU per request while measuring: app {app:N2} ms, PostgreSQL backends of {databaseName} {database:N2} ms.";
    }

    private TimeSpan AppTime()
    {
        if (appProcessId is not { } id)
        {
            return TimeSpan.Zero;
        }

        using var process = Process.GetProcessById(id);
        return process.TotalProcessorTime;
    }

    /// <summary>Backends name their database in their command line (<c>postgres: 15/main: user database host(port) state</c>).</summary>
    private TimeSpan DatabaseTime()
    {
        if (databaseName is null)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        foreach (var process in Process.GetProcessesByName("postgres"))
        {
            using (process)
            {
                try
                {
                    var commandLine = File.ReadAllText($"/proc/{process.Id}/cmdline");
                    if (commandLine.Contains($" {databaseName} ", StringComparison.Ordinal))
                    {
                        total += process.TotalProcessorTime;
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    // The backend ended between the listing and the read: its time is lost either way.
                }
            }
        }

        return total;
    }
}
