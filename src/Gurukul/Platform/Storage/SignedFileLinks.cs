using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Gurukul.Platform.Storage;

/// <summary>
/// Short-lived links to stored files: <c>/files/{token}</c>, where the token is the key (and the name to show) signed and
/// encrypted by ASP.NET Core data protection with an expiry. Whoever holds the link may read the file until it expires;
/// the keys live in the database, so every node accepts every node's links (docs/adr/0008-file-storage.md).
/// </summary>
public sealed class SignedFileLinks(IDataProtectionProvider dataProtection)
{
    public const string PathPrefix = "/files/";

    private readonly ITimeLimitedDataProtector _protector = dataProtection.CreateProtector("Gurukul.Files").ToTimeLimitedDataProtector();

    /// <summary>A relative URL serving the file at <paramref name="key"/> until <paramref name="lifetime"/> has passed.</summary>
    public string Create(string key, string? downloadName, TimeSpan lifetime)
    {
        StorageKeys.EnsureSafe(key);
        var payload = JsonSerializer.Serialize(new Link(key, downloadName), JsonSerializerOptions.Web);
        return PathPrefix + _protector.Protect(payload, lifetime);
    }

    /// <summary>The link's file, or null when the token was tampered with, has expired or is not a token at all.</summary>
    public Link? Read(string token)
    {
        try
        {
            var link = JsonSerializer.Deserialize<Link>(_protector.Unprotect(token, out _), JsonSerializerOptions.Web);
            return link is not null && StorageKeys.IsSafe(link.Key) ? link : null;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    public sealed record Link(string Key, string? DownloadName);
}
