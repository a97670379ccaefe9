using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Gurukul.Tests.Infrastructure;

/// <summary>
/// Drives Gurukul's pages as a browser without JavaScript does: a cookie session, forms posted with the hidden fields the
/// page rendered (antiforgery token, form name), and redirects seen rather than followed.
/// </summary>
public sealed partial class PageClient(HttpClient client) : IDisposable
{
    public HttpClient Http => client;

    /// <summary>
    /// A visitor not signed in. Over HTTPS, as in production: outside Development the session and antiforgery cookies
    /// are Secure-only.
    /// </summary>
    public static PageClient Anonymous(GurukulApp app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") }));

    /// <summary>Signs in through the sign-in page, as a person does.</summary>
    public static async Task<PageClient> SignInAsync(GurukulApp app, string email, string password = ApiClient.Password)
    {
        var page = Anonymous(app);
        using var response = await page.PostFormAsync("/account/sign-in", [new("Input.Email", email), new("Input.Password", password)]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}");
        return page;
    }

    /// <summary>Where a redirect points, as a local path and query (Blazor writes absolute URLs).</summary>
    public static string? RedirectTarget(HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? null : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>The page's HTML, which must come with 200.</summary>
    public async Task<string> HtmlAsync(string path)
    {
        using var response = await GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}");
        return html;
    }

    /// <summary>Opens <paramref name="path"/>, then posts its form back with <paramref name="fields"/> (a name may repeat, as checkboxes do).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields) => PostFormAsync(path, path, fields);

    /// <summary>Opens <paramref name="page"/>, then posts its form to the <paramref name="action"/> the form names.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var form = new FormUrlEncodedContent([.. await HiddenFieldsAsync(page), .. fields]);
        return await client.PostAsync(new Uri(action, UriKind.Relative), form);
    }

    /// <summary>Like <see cref="PostFormAsync(string, IEnumerable{KeyValuePair{string, string}})"/>, as <c>multipart/form-data</c> with one file (none chosen: an empty name).</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(
        string path, IEnumerable<KeyValuePair<string, string>> fields, string fileField, byte[] file, string fileName, string declaredType)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in (await HiddenFieldsAsync(path)).Concat(fields))
        {
            form.Add(new StringContent(value), name);
        }

        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        if (fileName.Length == 0)
        {
            // What a browser sends when no file was chosen: an empty part with an empty file name.
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{fileField}\"", FileName = "\"\"" };
            form.Add(content);
        }
        else
        {
            form.Add(content, fileField, fileName);
        }
        return await client.PostAsync(new Uri(path, UriKind.Relative), form);
    }

    public void Dispose() => client.Dispose();

    private async Task<List<KeyValuePair<string, string>>> HiddenFieldsAsync(string path)
    {
        var html = await HtmlAsync(path);
        return [.. HiddenInput().Matches(html).Select(input => new KeyValuePair<string, string>(
            WebUtility.HtmlDecode(Name().Match(input.Value).Groups[1].Value), WebUtility.HtmlDecode(Value().Match(input.Value).Groups[1].Value)))];
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("name=\"([^\"]*)\"")]
    private static partial Regex Name();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex Value();
}
