using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Gurukul.Tests.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Gurukul.Tests.Platform;

public sealed class OpenApiTests(AppFixture fixture, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private static readonly string[] ProblemSchemas = ["#/components/schemas/ProblemDetails", "#/components/schemas/HttpValidationProblemDetails"];

    [Fact]
    public async Task Document_DescribesEverythingUnderApiV1AndNothingElse()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var document = await DocumentAsync(app);

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/languages", paths);
        Assert.Contains("/api/v1/subjects", paths);
        Assert.All(paths, path => Assert.StartsWith("/api/v1/", path, StringComparison.Ordinal));
        var operation = document.GetProperty("paths").GetProperty("/api/v1/languages").GetProperty("get");
        Assert.Equal("ListLanguages", operation.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
        // Every endpoint under /api/v1 is described: the response check can only vouch for operations the document has.
        var described = Operations(document).Select(o => $"{o.Method} {o.Path}").ToHashSet(StringComparer.Ordinal);
        var endpoints = ApiEndpoints(app).Select(e => $"{e.Method} {e.Path}").ToList();
        Assert.True(endpoints.Count > 50, $"expected the API's endpoints, found {endpoints.Count}");
        var undescribed = endpoints.Where(e => !described.Contains(e)).ToList();
        Assert.True(undescribed.Count == 0, "Endpoints missing from the document:\n" + string.Join("\n", undescribed));
    }

    [Fact]
    public async Task ApiReferencePage_IsBrowsable()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();

        var response = await client.GetAsync(new Uri("/api-docs/index.html", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Gurukul API reference", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_DeclaresSignInOnExactlyTheOperationsWhoseEndpointsRequireIt()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var document = await DocumentAsync(app);

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("cookie", schemes.GetProperty("sessionCookie").GetProperty("in").GetString());
        Assert.Equal("gurukul.session", schemes.GetProperty("sessionCookie").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        var operations = Operations(document).ToDictionary(o => $"{o.Method} {o.Path}", o => o.Operation, StringComparer.Ordinal);
        var wrong = new List<string>();
        foreach (var (method, path, isPublic) in ApiEndpoints(app))
        {
            var security = operations[$"{method} {path}"].GetProperty("security").EnumerateArray()
                .Select(requirement => string.Join("+", requirement.EnumerateObject().Select(s => s.Name))).ToList();
            var expected = isPublic ? [] : new[] { "sessionCookie", "bearer" };
            if (!security.SequenceEqual(expected))
            {
                wrong.Add($"{method} {path}: security [{string.Join(", ", security)}], expected [{string.Join(", ", expected)}]");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Empty(operations["get /api/v1/mentors"].GetProperty("security").EnumerateArray());
        Assert.Equal(2, operations["get /api/v1/me"].GetProperty("security").GetArrayLength());
    }

    [Fact]
    public async Task Document_ListsTheErrorsEachOperationCanGive_AsProblemDetails()
    {
        var document = await DocumentAsync(await fixture.For(DatabaseProvider.Sqlite));
        var operations = Operations(document).ToDictionary(o => $"{o.Method} {o.Path}", o => o.Operation, StringComparer.Ordinal);

        // 503: a turn at password hashing could not be had (docs/adr/0018-account-protection.md).
        Assert.Equal(["200", "400", "401", "403", "413", "415", "429", "503"], Statuses(operations["post /api/v1/auth/login"]));
        Assert.Equal(["201", "400", "409", "413", "415", "429", "503"], Statuses(operations["post /api/v1/auth/register"]));
        Assert.Equal(["204", "400", "413", "415", "429", "503"], Statuses(operations["post /api/v1/auth/password/reset"]));
        Assert.Equal(["200", "400", "401", "409", "413", "415", "429", "503"], Statuses(operations["post /api/v1/me/password"]));
        Assert.Equal(["200", "400", "401", "409", "413", "415", "429", "503"], Statuses(operations["post /api/v1/me/two-factor/disable"]));
        Assert.Equal(["200", "401", "403", "404"], Statuses(operations["get /api/v1/me/availability"]));
        Assert.Equal(["200", "400", "401", "403", "404", "409", "413", "415"], Statuses(operations["put /api/v1/me/availability"]));
        Assert.Equal(["200", "301", "400", "404"], Statuses(operations["get /api/v1/mentors/{idOrSlug}/slots"]));
        Assert.Equal(["200", "401"], Statuses(operations["post /api/v1/me/calendar-feed"]));
        Assert.Equal(["200", "401"], Statuses(operations["get /api/v1/me"]));
        Assert.Equal(["200", "401", "403", "404"], Statuses(operations["get /api/v1/me/student-profile"]));
        Assert.Equal(["200", "400", "401", "403", "404", "409", "413", "415"], Statuses(operations["post /api/v1/admin/mentors/{mentorId}/verification"]));
        Assert.Equal(["200", "400"], Statuses(operations["get /api/v1/mentors"]));
        Assert.Equal(["201", "400", "401", "403", "404", "409", "413", "415", "422", "429", "503"], Statuses(operations["post /api/v1/bookings"]));
        Assert.Equal(["200", "400", "401", "404", "409", "413", "415", "422"], Statuses(operations["post /api/v1/bookings/{bookingId}/cancel"]));
        Assert.Equal(["200", "401", "404", "409"], Statuses(operations["get /api/v1/bookings/{bookingId}/calendar.ics"]));
        Assert.Equal(["200"], Statuses(operations["get /api/v1/languages"]));
        Assert.Equal(["200", "401"], Statuses(operations["get /api/v1/me/events"]));
        Assert.Equal(["200", "201", "400", "401", "403", "404", "413", "415"], Statuses(operations["post /api/v1/conversations"]));
        Assert.Equal(["200", "201", "400", "401", "403", "404", "409", "413", "415", "429"], Statuses(operations["post /api/v1/conversations/{id}/messages"]));
        Assert.Equal(["201", "400", "401", "403", "404", "409", "413", "415", "429"], Statuses(operations["post /api/v1/conversations/{id}/attachments"]));
        Assert.Equal(["204", "400", "401", "413", "415"], Statuses(operations["post /api/v1/me/notifications/read"]));
        Assert.Equal("integer", operations["post /api/v1/conversations/{id}/messages"].GetProperty("responses").GetProperty("429")
            .GetProperty("headers").GetProperty("Retry-After").GetProperty("schema").GetProperty("type").GetString());
        var tooMany = operations["post /api/v1/auth/login"].GetProperty("responses").GetProperty("429");
        Assert.Equal("integer", tooMany.GetProperty("headers").GetProperty("Retry-After").GetProperty("schema").GetProperty("type").GetString());

        var notProblems = new List<string>();
        foreach (var (key, operation) in operations)
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var schema = response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out var problem)
                    ? problem.GetProperty("schema").GetProperty("$ref").GetString()
                    : null;
                var expected = response.Name == "400" ? ProblemSchemas[1] : ProblemSchemas[0];
                if (schema != expected)
                {
                    notProblems.Add($"{key} {response.Name}: {schema ?? "no problem+json body"}, expected {expected}");
                }
            }
        }

        Assert.True(notProblems.Count == 0, string.Join("\n", notProblems));
        var validation = document.GetProperty("components").GetProperty("schemas").GetProperty("HttpValidationProblemDetails");
        Assert.Equal("array", validation.GetProperty("properties").GetProperty("errors").GetProperty("additionalProperties").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Document_MarksOptionalRequestFieldsOptional_AndRequiredOnesNotNullable()
    {
        var schemas = (await DocumentAsync(await fixture.For(DatabaseProvider.Sqlite))).GetProperty("components").GetProperty("schemas");

        Assert.Equal(["email", "password"], Required(schemas, "LoginRequest"));
        Assert.Equal(["email", "name", "password", "role"], Required(schemas, "RegisterRequest"));
        Assert.Equal(["bio", "country", "experienceYears", "expertiseAreas", "headline", "hourlyRate", "languagesSpoken", "primaryLanguage",
            "studentLevelsServed", "subjects", "timezone"], Required(schemas, "MentorProfileRequest"));
        Assert.Equal(["bufferMinutes", "durations", "horizonDays", "minNoticeMinutes", "timezone", "weekly"], Required(schemas, "AvailabilityRequest"));
        Assert.DoesNotContain("school", Required(schemas, "StudentProfileRequest"));
        Assert.DoesNotContain("stream", Required(schemas, "SchoolDetails"));
        Assert.DoesNotContain("notes", Required(schemas, "VerificationMoveRequest"));
        Assert.Equal(["body", "clientId"], Required(schemas, "PostMessageRequest"));
        Assert.Equal(["mentorId"], Required(schemas, "OpenConversationRequest"));
        // { ids } or { all: true }: neither is required on its own.
        Assert.False(schemas.GetProperty("MarkNotificationsReadRequest").TryGetProperty("required", out _));
        Assert.Equal(["email", "inApp"], Required(schemas, "NotificationPreferencesRequest"));
        Assert.Equal("string", schemas.GetProperty("LoginRequest").GetProperty("properties").GetProperty("email").GetProperty("type").GetString());
        Assert.Equal(["null", "string"], schemas.GetProperty("LoginRequest").GetProperty("properties").GetProperty("totpCode").GetProperty("type")
            .EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("#/components/schemas/MoneyDto",
            schemas.GetProperty("MentorProfileRequest").GetProperty("properties").GetProperty("hourlyRate").GetProperty("$ref").GetString());
        // Numbers are numbers: not "integer or a string of digits".
        Assert.Equal("integer", schemas.GetProperty("MoneyDto").GetProperty("properties").GetProperty("amountMinor").GetProperty("type").GetString());
    }

    [Fact]
    public async Task NumberSentAsText_IsA400NamingTheField()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail("mentor"), role: "mentor");

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/mentor-profile")
        {
            Content = new StringContent("""{"headline":"Physics","experienceYears":"5"}""", Encoding.UTF8, "application/json"),
            Headers = { Authorization = new("Bearer", token) },
        });

        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("experienceYears", out _), problem.ToString());
    }

    [Fact]
    public async Task Document_PassesTheRedoclyRecommendedRules_WithoutErrors()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var linter = new NpmTool("redocly", "The OpenAPI lint test");
        var cli = await linter.InstallAsync(Path.Combine("node_modules", "@redocly", "cli", "bin", "cli.js"));
        var file = Path.Combine(Path.GetTempPath(), $"gurukul-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document);
        try
        {
            var (exitCode, lines, errors) = await linter.RunAsync("node", [cli, "lint", file, "--config", "redocly.yaml", "--format", "json", "--max-problems", "10000"],
                new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" });

            Assert.True(lines.TrimStart().StartsWith('{'), $"Redocly did not report (exit {exitCode}):\n{lines}\n{errors}");
            var report = JsonDocument.Parse(lines).RootElement;
            var problems = report.GetProperty("problems").EnumerateArray()
                .Select(p => (Severity: p.GetProperty("severity").GetString(), Text: $"{p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at "
                    + string.Join(", ", p.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString())))).ToList();
            foreach (var warning in problems.Where(p => p.Severity == "warn"))
            {
                output.WriteLine("warning " + warning.Text);
            }

            var failures = problems.Where(p => p.Severity == "error").Select(p => p.Text).ToList();
            Assert.True(failures.Count == 0, $"{failures.Count} error(s) from Redocly's recommended rules:\n" + string.Join("\n", failures));
            Assert.Equal(0, exitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ResponseCheck_CatchesUndeclaredStatuses_UndocumentedFields_AndWrongTypes()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var check = new OpenApiConformance(await app.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        const string Pattern = "/api/v1/me";
        const string User = """{"id":"u1","email":"a@example.com","name":"Asha","roles":["student"],"status":"active","emailConfirmed":true,"locale":"en","timezone":"Asia/Kolkata","minor":false,"twoFactorEnabled":false}""";

        Assert.Empty(check.Check([Response(200, User)]));
        Assert.Contains("status 418 is not declared", Assert.Single(check.Check([Response(418, "")])), StringComparison.Ordinal);
        Assert.Contains("/nickname", Assert.Single(check.Check([Response(200, User.Replace("\"minor\"", "\"nickname\":\"A\",\"minor\"", StringComparison.Ordinal))])),
            StringComparison.Ordinal);
        Assert.Contains("/emailConfirmed", Assert.Single(check.Check([Response(200, User.Replace("\"emailConfirmed\":true", "\"emailConfirmed\":\"yes\"", StringComparison.Ordinal))])),
            StringComparison.Ordinal);
        Assert.Contains("is not among the declared", Assert.Single(check.Check([Response(200, "<p>hi</p>", "text/html")])), StringComparison.Ordinal);
        Assert.Contains("no operation", Assert.Single(check.Check([Response(200, "{}") with { RoutePattern = "/api/v1/nowhere" }])), StringComparison.Ordinal);

        static RecordedResponse Response(int status, string body, string contentType = "application/json") =>
            new("GET", Pattern, Pattern, false, status, contentType, null, Encoding.UTF8.GetBytes(body), false);
    }

    [Fact]
    public async Task ResponseOutsideTheDocument_FailsTheRequestThatGotIt()
    {
        // An endpoint under /api/v1 that the document leaves out, as a forgotten declaration would.
        var app = await GurukulApp.StartAsync(DatabaseProvider.Sqlite, services: services => services.AddSingleton<IStartupFilter>(new UndocumentedEndpoint()));
        try
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => app.CreateClient().GetAsync(new Uri(UndocumentedEndpoint.Path, UriKind.Relative)));

            Assert.Contains("has no operation GET /api/v1/undocumented", failure.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            // The app also reports it when disposed, for a caller that swallowed the failure.
            await Assert.ThrowsAsync<OpenApiMismatchException>(() => app.DisposeAsync().AsTask());
        }
    }

    private sealed class UndocumentedEndpoint : IStartupFilter
    {
        public const string Path = "/api/v1/undocumented";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.MapWhen(context => context.Request.Path == Path, branch =>
            {
                branch.UseRouting();
                branch.UseEndpoints(endpoints => endpoints.MapGet(Path, () => new { secret = 42 }).AllowAnonymous().ExcludeFromDescription());
            });
        };
    }

    private static async Task<JsonElement> DocumentAsync(GurukulApp app) =>
        await app.CreateClient().GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (operation.Name, path.Name, operation.Value)));

    /// <summary>Every endpoint under /api/v1, as the document names it (lower-case method, path without constraints), and whether it is public.</summary>
    private static List<(string Method, string Path, bool IsPublic)> ApiEndpoints(GurukulApp app) =>
    [
        .. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(method => (method.ToLowerInvariant(), "/" + string.Join('/', e.RoutePattern.PathSegments.Select(Segment)),
                    e.Metadata.GetMetadata<IAllowAnonymous>() is not null))),
    ];

    private static string Segment(Microsoft.AspNetCore.Routing.Patterns.RoutePatternPathSegment segment) =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => "",
        }));

    private static List<string> Statuses(JsonElement operation) => [.. operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order()];

    private static List<string> Required(JsonElement schemas, string name) =>
        [.. schemas.GetProperty(name).GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order()];
}
