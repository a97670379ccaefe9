using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Platform;

/// <summary>The built app as an operator runs it: its own process, real Kestrel, real standard output.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Logs_AreJsonLines_AndRequestLinesCarryTheRequestId()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = await AppProcess.StartAsync(Environment(database));
        using var http = new HttpClient { BaseAddress = app.Address };

        var response = await http.GetAsync(new Uri("/mentors", UriKind.Relative));
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var line = await WaitForLineAsync(app, l => l.Contains("\"Path\":\"/mentors\"", StringComparison.Ordinal));

        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal("Information", json.GetProperty("LogLevel").GetString());
        Assert.Equal(200, json.GetProperty("State").GetProperty("StatusCode").GetInt32());
        Assert.True(json.GetProperty("State").GetProperty("ElapsedMs").GetDouble() > 0);
        Assert.Contains(json.GetProperty("Scopes").EnumerateArray(),
            scope => scope.TryGetProperty("RequestId", out var id) && id.GetString() == requestId);
        foreach (var logLine in app.Output.Where(l => l.StartsWith('{')))
        {
            using var parsed = JsonDocument.Parse(logLine);
            Assert.True(parsed.RootElement.TryGetProperty("Timestamp", out _), logLine);
        }
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
