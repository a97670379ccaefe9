using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Platform.Observability;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Platform;

/// <summary>The built app as an operator runs it: its own process, real Kestrel, real standard output.</summary>
public sealed class ProcessTests
{
    /// <summary>The setting an operator uses for a line per request (ADR 0016): by default only server errors and slow requests get one.</summary>
    private const string RequestLinesSetting = "Logging__LogLevel__Gurukul.Platform.Observability.RequestTiming";

    [Fact]
    public async Task Logs_AreJsonLines_AndRequestLinesCarryTheRequestId()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>(Environment(database)) { [RequestLinesSetting] = "Debug" });
        using var http = new HttpClient { BaseAddress = app.Address };
        // Production serves pages over HTTPS only; here, as behind a proxy on this machine, the proxy says it was.
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var response = await http.GetAsync(new Uri("/mentors", UriKind.Relative));
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var line = await WaitForLineAsync(app, l => l.Contains("\"Path\":\"/mentors\"", StringComparison.Ordinal));

        var json = JsonDocument.Parse(line).RootElement;
        var elapsed = json.GetProperty("State").GetProperty("ElapsedMs").GetDouble();
        Assert.True(elapsed > 0);
        // A first request can take a second on a busy machine (JIT, the search index loading): slow lines are Information.
        Assert.Equal(elapsed >= RequestTiming.SlowMilliseconds ? "Information" : "Debug", json.GetProperty("LogLevel").GetString());
        Assert.Equal(200, json.GetProperty("State").GetProperty("StatusCode").GetInt32());
        Assert.Contains(json.GetProperty("Scopes").EnumerateArray(),
            scope => scope.TryGetProperty("RequestId", out var id) && id.GetString() == requestId);
        foreach (var logLine in app.Output.Where(l => l.StartsWith('{')))
        {
            using var parsed = JsonDocument.Parse(logLine);
            Assert.True(parsed.RootElement.TryGetProperty("Timestamp", out _), logLine);
        }
    }

    [Fact]
    public async Task ByDefault_AQuickSuccessfulRequest_GetsNoLogLine()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = await AppProcess.StartAsync(Environment(database));
        using var http = new HttpClient { BaseAddress = app.Address };

        Assert.True((await http.GetAsync(new Uri("/health/live", UriKind.Relative))).IsSuccessStatusCode);
        // The first search loads the index and logs that at Information: once its line is out, a line for the earlier
        // request would be out too (one console queue, in order).
        Assert.True((await http.GetAsync(new Uri("/api/v1/mentors", UriKind.Relative))).IsSuccessStatusCode);
        await WaitForLineAsync(app, l => l.Contains("Search index loaded", StringComparison.Ordinal));

        // Only a request slower than the threshold (a first one, on a busy machine) may have a line.
        var requestLines = app.Output.Where(l => l.StartsWith('{') && l.Contains("\"Category\":\"Gurukul.Platform.Observability.RequestTiming\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("State").GetProperty("ElapsedMs").GetDouble());
        Assert.All(requestLines, elapsed => Assert.True(elapsed >= RequestTiming.SlowMilliseconds, $"a {elapsed} ms request was logged"));
    }

    [Fact]
    public async Task AdminCredentials_ArePrintedOnFirstStartOnly_AndNeverLogged()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        IReadOnlyList<string> first, second;
        await using (var app = await AppProcess.StartAsync(Environment(database)))
        {
            await WaitForLineAsync(app, l => l.Contains("Gurukul is running at", StringComparison.Ordinal));
            first = app.Output;
        }

        await using (var app = await AppProcess.StartAsync(Environment(database)))
        {
            await WaitForLineAsync(app, l => l.Contains("Gurukul is running at", StringComparison.Ordinal));
            second = app.Output;
        }

        var passwordLine = Assert.Single(first, l => l.Contains("Admin password (shown only this once):", StringComparison.Ordinal));
        var password = passwordLine.Split(':')[^1].Trim();
        Assert.Equal(20, password.Length);
        Assert.DoesNotContain(first, l => l.StartsWith('{') && l.Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(second, l => l.Contains("Admin password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigrateCommand_BringsTheSchemaUpToDate_AndExits()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var first = await AppProcess.RunCommandAsync("migrate", Environment(database));
        var second = await AppProcess.RunCommandAsync("migrate", Environment(database));

        Assert.Equal(0, first.ExitCode);
        var all = SchemaMigrator.All(DatabaseProvider.Sqlite).Select(m => m.Id).ToList();
        Assert.Contains($"Applied {all.Count} migration(s): {string.Join(", ", all)}", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("The database schema is up to date.", second.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(TestDatabase database) =>
        new() { ["ConnectionStrings__Sqlite"] = database.ConnectionString };

    private static async Task<string> WaitForLineAsync(AppProcess app, Func<string, bool> match)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (app.Output.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("Expected line never appeared:\n" + string.Join("\n", app.Output));
    }
}
