using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Gurukul.Features.Accounts;
using Microsoft.AspNetCore.DataProtection;

namespace Gurukul.Platform.Storage;

/// <summary>
/// Short-lived links to private stored files: <c>/files/{token}</c>, where the token is the key, the name to show and the
/// session of the person the link was made for, signed and encrypted by ASP.NET Core data protection with an expiry. Only
/// that session can follow the link, until it expires: a link that leaks (browser history sync, a pasted screenshot, a proxy
/// log) opens nothing for anyone else (docs/adr/0017-behind-a-proxy.md). The keys live in the database, so every node accepts
/// every node's links (docs/adr/0008-file-storage.md).
/// </summary>
public sealed class SignedFileLinks(IDataProtectionProvider dataProtection, IHttpContextAccessor http)
{
    public const string PathPrefix = "/files/";

    private readonly ITimeLimitedDataProtector _protector = dataProtection.CreateProtector("Gurukul.Files").ToTimeLimitedDataProtector();

    /// <summary>A link for the signed-in caller of the current request (see the overload).</summary>
    public string Create(string key, string? downloadName, TimeSpan lifetime) => Create(key, downloadName, lifetime, http.HttpContext?.User);

    /// <summary>
    /// A relative URL serving the file at <paramref name="key"/> to <paramref name="viewer"/>'s session only, until
    /// <paramref name="lifetime"/> has passed. A link for no session would open for nobody: asking for one is a bug.
    /// </summary>
    public string Create(string key, string? downloadName, TimeSpan lifetime, ClaimsPrincipal? viewer)
    {
        StorageKeys.EnsureSafe(key);
        var session = SessionOf(viewer) ?? throw new InvalidOperationException("A signed file link is made for a signed-in session.");
        var payload = JsonSerializer.Serialize(new Link(key, downloadName, session), JsonSerializerOptions.Web);
        return PathPrefix + _protector.Protect(payload, lifetime);
    }

    /// <summary>
    /// The link's file when <paramref name="viewer"/> is the session it was made for; null when the token was tampered with,
    /// has expired, is not a token at all, or belongs to another session (or to none).
    /// </summary>
    public Link? Read(string token, ClaimsPrincipal viewer)
    {
        try
        {
            var link = JsonSerializer.Deserialize<Link>(_protector.Unprotect(token, out _), JsonSerializerOptions.Web);
            return link is not null && StorageKeys.IsSafe(link.Key) && link.Session is not null && link.Session == SessionOf(viewer) ? link : null;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    private static string? SessionOf(ClaimsPrincipal? principal) => principal?.FindFirstValue(SessionValidator.SessionIdClaim);

    public sealed record Link(string Key, string? DownloadName, string? Session);
}
