using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gurukul.Bench.Generate;

namespace Gurukul.Bench.Fuzz;

/// <summary>
/// <c>fuzz</c>: reads the OpenAPI document of a running Gurukul and sends generated requests to every operation in it, as
/// anonymous, student, mentor and admin, with valid, boundary and malformed values; counts the answers, and reports every
/// 5xx (the request and the answer) and every status the document does not declare. Exits 1 when any 5xx was seen.
/// </summary>
public static class FuzzCommand
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        var baseUrl = new Uri(arguments.Text("base") ?? "http://127.0.0.1:5280");
        var total = arguments.Number("requests", 30_000, 1, 10_000_000);
        var workers = arguments.Number("concurrency", 8, 1, 256);
        var seed = arguments.Number("seed", 1, 0, int.MaxValue);
        var maxSeconds = arguments.Number("max-seconds", 3600, 1, 86_400);
        var adminEmail = arguments.Text("admin-email") ?? Environment.GetEnvironmentVariable("GURUKUL_ADMIN_EMAIL")
            ?? throw new UsageException("--admin-email (or GURUKUL_ADMIN_EMAIL) names the bootstrap admin the app was started with.");
        var adminPassword = arguments.Text("admin-password") ?? Environment.GetEnvironmentVariable("GURUKUL_ADMIN_PASSWORD")
            ?? throw new UsageException("--admin-password (or GURUKUL_ADMIN_PASSWORD) is the bootstrap admin's password.");
        var output = arguments.Text("out");
        arguments.RejectUnknown();

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = workers + 2 })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var document = JsonNode.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!.AsObject();
        var operations = new FuzzOperations(document);
        var values = new FuzzValues();
        var identities = new FuzzIdentities(http, values, adminEmail, adminPassword);
        await identities.StartAsync();
        await LearnFromPublicListsAsync(http, operations, values);
        Console.WriteLine($"fuzzing {operations.All.Count} operations of {baseUrl} with {total:N0} requests from {workers} workers (seed {seed})");

        var report = new FuzzReport();
        var sent = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var draw = Draw.For(seed, 77, worker);
            var requests = new FuzzRequests(operations, new FuzzInputs(operations, values, draw), draw);
            while (Interlocked.Increment(ref sent) <= total && clock.Elapsed.TotalSeconds < maxSeconds)
            {
                var operation = draw.Pick(operations.All);
                await SendAsync(http, operation, requests.Build(operation), Caller(operation, draw), identities, values, report);
            }
        })));

        report.Print(Console.Out, clock.Elapsed, identities.Renewals);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToJson(clock.Elapsed));
        }

        return report.ServerErrors > 0 ? 1 : 0;
    }

    /// <summary>Operations that need sign-in are mostly called signed in; public ones mostly anonymously. Sometimes with a broken token.</summary>
    private static string? Caller(FuzzOperation operation, Draw draw) =>
        draw.Chance(operation.SignInRequired ? 0.85 : 0.3) ? draw.Pick(FuzzIdentities.Roles) : draw.Chance(0.1) ? "broken" : null;

    private static async Task SendAsync(
        HttpClient http, FuzzOperation operation, FuzzRequest request, string? caller, FuzzIdentities identities, FuzzValues values, FuzzReport report)
    {
        using var message = request.Message;
        var token = caller switch
        {
            null => null,
            "broken" => "not-a-token." + Guid.NewGuid().ToString("N"),
            _ => identities.TokenOf(caller),
        };
        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsStringAsync();
            report.Record(operation, caller ?? "anonymous", request.Shown, (int)response.StatusCode, body);
            if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                Learn(values, body);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null && caller is not "broken" && operation.SignInRequired)
            {
                await identities.RenewAsync(caller!, token);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            report.Record(operation, caller ?? "anonymous", request.Shown, 0, exception.Message);
        }
    }

    private static void Learn(FuzzValues values, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            values.Learn(json.RootElement);
        }
        catch (JsonException)
        {
            // Not JSON after all: nothing to learn.
        }
    }

    /// <summary>Public GET operations without parameters (reference data, the mentor list) seed the values ids and codes are drawn from.</summary>
    private static async Task LearnFromPublicListsAsync(HttpClient http, FuzzOperations operations, FuzzValues values)
    {
        foreach (var operation in operations.All.Where(o => o.Method == "GET" && !o.SignInRequired && !o.Path.Contains('{', StringComparison.Ordinal)))
        {
            using var response = await http.GetAsync(new Uri(operation.Path, UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                Learn(values, await response.Content.ReadAsStringAsync());
            }
        }
    }
}
