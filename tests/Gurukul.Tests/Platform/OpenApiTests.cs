using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Platform;

public sealed class OpenApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Document_DescribesEverythingUnderApiV1AndNothingElse()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/languages", paths);
        Assert.Contains("/api/v1/subjects", paths);
        Assert.All(paths, path => Assert.StartsWith("/api/v1/", path, StringComparison.Ordinal));
        var operation = document.GetProperty("paths").GetProperty("/api/v1/languages").GetProperty("get");
        Assert.Equal("ListLanguages", operation.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
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
}
