using System.Net;
using System.Text.RegularExpressions;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Gurukul.Tests.Features.MentorApplication;

/// <summary>
/// A browser-like client of the server-rendered pages: signed in through the sign-in form with its cookie, posting forms as a
/// browser does (the antiforgery token from the page, the form's name in <c>_handler</c>), redirects not followed.
/// </summary>
public sealed partial class PageSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    /// <summary>Over https, as the cookies outside Development are Secure and would not be sent back over http.</summary>
    public static PageSession Anonymous(GurukulApp app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") }));

    public static async Task<PageSession> SignInAsync(GurukulApp app, string email, string password = ApiClient.Password)
    {
        var session = Anonymous(app);
        var response = await session.PostFormAsync("/account/sign-in", "sign-in", [("Input.Email", email), ("Input.Password", password)]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}");
        return session;
    }

    public async Task<string> GetHtmlAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: expected {(int)expected}, got {(int)response.StatusCode}");
        return html;
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, string formName, IEnumerable<(string Name, string Value)> fields)
    {
        var values = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", await TokenAsync(path)), new("_handler", formName) };
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var content = new FormUrlEncodedContent(values);
        return await Client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public async Task<HttpResponseMessage> PostFileAsync(string path, string formName, string kind, byte[] bytes, string fileName, string contentType)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await TokenAsync(path)), "__RequestVerificationToken" },
            { new StringContent(formName), "_handler" },
            { new StringContent(kind), "Upload.Kind" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new(contentType);
        form.Add(file, "file", fileName);
        return await Client.PostAsync(new Uri(path, UriKind.Relative), form);
    }

    /// <summary>Where a redirect points, as path, query and fragment (the server may answer with an absolute URL).</summary>
    public static string? Location(HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location.PathAndQuery + location.Fragment : location.OriginalString;

    /// <summary>The text of the element with this id or test id (tags dropped, entities decoded), or null when the page has none.</summary>
    public static string? TextOf(string html, string id)
    {
        var match = Regex.Match(html, $"<(\\w+)[^>]*\\s(?:id|data-testid)=\"{Regex.Escape(id)}\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline);
        return match.Success ? Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(match.Groups[2].Value, " ")), " ").Trim() : null;
    }

    /// <summary>The start tag of the element with this id, to check its attributes.</summary>
    public static string? TagOf(string html, string id) =>
        Regex.Match(html, $"<\\w+[^>]*\\sid=\"{Regex.Escape(id)}\"[^>]*>") is { Success: true } match ? WebUtility.HtmlDecode(match.Value) : null;

    private async Task<string> TokenAsync(string path)
    {
        var html = await GetHtmlAsync(path);
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {path}");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
