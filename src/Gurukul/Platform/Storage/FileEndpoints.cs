using Microsoft.Net.Http.Headers;

namespace Gurukul.Platform.Storage;

public static class FileEndpoints
{
    private const int MaxDownloadName = 255;

    /// <summary>
    /// <c>GET /files/{token}</c>: serves a file through a <see cref="SignedFileLinks"/> link. Open to every caller at the
    /// endpoint because the token is the authorization, checked against the caller's session; a bad, tampered or expired token,
    /// one made for another session, or a deleted file, is a plain 404.
    /// </summary>
    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(SignedFileLinks.PathPrefix + "{token}", ServeSignedAsync)
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapGet(PublicFiles.PathPrefix + "{**key}", ServePublicAsync)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static Task ServeSignedAsync(string token, SignedFileLinks links, IFileStorage storage, HttpContext http, CancellationToken cancellationToken)
    {
        if (links.Read(token, http.User) is not { } link)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        // Signed links are capabilities: no shared cache may keep the file, and no browser cache outlive the link.
        return ServeAsync(link.Key, link.DownloadName, "private, no-store", storage, http, cancellationToken);
    }

    /// <summary>
    /// <c>GET /media/{key}</c>: public files (photos). Keys are random and a file is never rewritten in place, so a response
    /// may be cached by anyone for a year; a new photo is a new key and a new URL.
    /// </summary>
    private static Task ServePublicAsync(string? key, IFileStorage storage, HttpContext http, CancellationToken cancellationToken)
    {
        if (key is null || !PublicFiles.IsPublic(key))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return ServeAsync(key, null, "public, max-age=31536000, immutable", storage, http, cancellationToken);
    }

    private static async Task ServeAsync(
        string key, string? downloadName, string cacheControl, IFileStorage storage, HttpContext http, CancellationToken cancellationToken)
    {
        await using var content = await storage.OpenReadAsync(key, cancellationToken);
        if (content is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // The type comes from the bytes, as at upload, not from anything stored beside them: a file that is not a known
        // type goes out as opaque bytes, so nothing stored can ever be served as HTML into Gurukul's origin.
        var header = new byte[FileInspector.HeaderLength];
        var headerLength = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var response = http.Response;
        response.ContentType = FileInspector.Detect(header.AsSpan(0, headerLength)) ?? "application/octet-stream";
        if (content.CanSeek)
        {
            response.ContentLength = content.Length;
        }

        var disposition = new ContentDispositionHeaderValue("inline");
        if (FileNames.Label(downloadName, MaxDownloadName) is { } name)
        {
            // Sets filename (an ASCII fallback) and filename* (RFC 5987 UTF-8), as RFC 6266 recommends.
            disposition.SetHttpFileName(name);
        }

        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = cacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        await response.Body.WriteAsync(header.AsMemory(0, headerLength), cancellationToken);
        await content.CopyToAsync(response.Body, cancellationToken);
    }

}
