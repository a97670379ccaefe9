using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Platform;

/// <summary>Every API error is RFC 9457 problem details; UI errors are friendly pages. Nothing leaks a stack trace.</summary>
public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private GurukulApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await GurukulApp.StartAsync(DatabaseProvider.Sqlite, services: ProbeEndpoints.Add);
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task UnknownApiRoute_Returns404Problem()
    {
        var problem = await ProblemAsync(await _client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative)), HttpStatusCode.NotFound);

        Assert.Equal("Not found.", problem.GetProperty("title").GetString());
        Assert.Equal("/api/v1/no-such-thing", problem.GetProperty("instance").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("requestId").GetString()));
    }

    [Theory]
    [InlineData("/api/v1/mentors/%2500")]
    [InlineData("/api/v1/mentors/a%2500b")]
    [InlineData("/api/v1/no-such-thing/%2500")]
    public async Task ApiPath_WithAnEncodedNul_Returns404Problem_NotA500(string path)
    {
        var problem = await ProblemAsync(await _client.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotFound);

        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task OverlongAddress_Returns414Problem()
    {
        var problem = await ProblemAsync(await _client.GetAsync(new Uri("/api/v1/mentors?q=" + new string('a', 9000), UriKind.Relative)), HttpStatusCode.RequestUriTooLong);

        Assert.Equal("The address is too long.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task KnownApiRoute_WithWrongMethod_Returns405Problem()
    {
        var problem = await ProblemAsync(await _client.DeleteAsync(new Uri("/api/v1/languages", UriKind.Relative)), HttpStatusCode.MethodNotAllowed);

        Assert.Equal(405, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/auth/password/forgot")]
    [InlineData("/api/v1/auth/register")]
    [InlineData("/api/v1/me/password")]
    public async Task JsonEndpoint_SentAnotherMediaType_Answers415EvenToAnonymousCallers(string path)
    {
        // Routing answers this before any endpoint runs, so there is nothing to sign in for: "sign in first" was wrong.
        var response = await _client.PostAsync(new Uri(path, UriKind.Relative), new StringContent("{\"email\":\"a@example.com\"}", Encoding.UTF8, "text/plain"));

        var problem = await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(415, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("POST", "/api/v1/no-such-thing")]
    [InlineData("PUT", "/api/v1/no-such-thing")]
    [InlineData("DELETE", "/api/v1/mentors/42/no-such-thing")]
    public async Task UnknownApiRoute_WithAnyMethod_Returns404Problem(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { a = 1 }) };

        await ProblemAsync(await _client.SendAsync(request), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MalformedJson_Returns400NamingTheBody()
    {
        var response = await _client.PostAsync(new Uri("/api/v1/probe/echo", UriKind.Relative),
            new StringContent("{\"name\": \"Asha\", ", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("The request body is not valid JSON.", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(), "errors names the unreadable part");
    }

    [Fact]
    public async Task JsonWithWrongFieldType_Returns400NamingTheField()
    {
        var response = await _client.PostAsync(new Uri("/api/v1/probe/echo", UriKind.Relative),
            new StringContent("{\"name\": \"Asha\", \"age\": \"fifteen\"}", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("age", out var ageErrors), $"errors should name 'age': {errors}");
        Assert.NotEmpty(ageErrors.EnumerateArray());
    }

    [Fact]
    public async Task JsonBody_WithWrongContentType_Returns415Problem()
    {
        var response = await _client.PostAsync(new Uri("/api/v1/probe/echo", UriKind.Relative),
            new StringContent("name=Asha", Encoding.UTF8, "application/x-www-form-urlencoded"));

        var problem = await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Send the body as application/json.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ValidJson_ReachesTheEndpoint()
    {
        var response = await _client.PostAsJsonAsync(new Uri("/api/v1/probe/echo", UriKind.Relative), new ProbeBody("Asha", 15, new DateOnly(2011, 4, 2)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Asha", (await response.Content.ReadFromJsonAsync<ProbeBody>())!.Name);
    }

    [Fact]
    public async Task UnhandledException_Returns500ProblemWithoutInternals()
    {
        var response = await _client.GetAsync(new Uri("/api/v1/probe/fail", UriKind.Relative));

        var body = await response.Content.ReadAsStringAsync();
        var problem = await ProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal("An unexpected error occurred.", problem.GetProperty("title").GetString());
        Assert.DoesNotContain(ProbeEndpoints.SecretInException, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DomainConflict_Returns409ProblemWithTheReason()
    {
        var problem = await ProblemAsync(await _client.GetAsync(new Uri("/api/v1/probe/conflict", UriKind.Relative)), HttpStatusCode.Conflict);

        Assert.Equal("That slot was just booked by someone else.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task DomainValidation_Returns400WithFieldPath()
    {
        var problem = await ProblemAsync(await _client.GetAsync(new Uri("/api/v1/probe/invalid", UriKind.Relative)), HttpStatusCode.BadRequest);

        Assert.Equal("Class must be between 6 and 12.", problem.GetProperty("errors").GetProperty("school.classGrade")[0].GetString());
    }

    [Fact]
    public async Task ProblemTitle_FollowsAcceptLanguage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/no-such-thing");
        request.Headers.AcceptLanguage.ParseAdd("te");

        var problem = await ProblemAsync(await _client.SendAsync(request), HttpStatusCode.NotFound);

        Assert.Equal("దొరకలేదు.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task UnhandledExceptionOnPage_ShowsFriendlyPageWithReference()
    {
        var response = await _client.GetAsync(new Uri("/probe/fail", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong on our side", html, StringComparison.Ordinal);
        Assert.Contains("mention this reference", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ProbeEndpoints.SecretInException, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/probe/count", HttpStatusCode.BadRequest)]
    [InlineData("/probe/count?count=many", HttpStatusCode.BadRequest)]
    [InlineData("/probe/conflict", HttpStatusCode.Conflict)]
    public async Task ClientMistakeOnPage_KeepsItsStatus_OnTheFriendlyPage(string path, HttpStatusCode expected)
    {
        var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($">{(int)expected}<", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPage_ShowsLocalizedNotFoundPage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c=hi|uic=hi");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("हमें यह पेज नहीं मिला", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"hi\"", html, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        return problem;
    }
}
