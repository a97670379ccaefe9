using System.Text;

namespace Gurukul.Features.Accounts;

/// <summary>
/// The tokens in emailed links name their user, so the link (and the API's <c>{ token }</c>) is one opaque string:
/// base64url("userId|identityToken"). The Identity token inside is what proves anything.
/// </summary>
public static class LinkTokens
{
    public static string Pack(string userId, string token) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(userId + "|" + token)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (string UserId, string Token)? Unpack(string? packed)
    {
        if (string.IsNullOrWhiteSpace(packed) || packed.Length > 2048)
        {
            return null;
        }

        var base64 = packed.Trim().Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes, 0, length);
        var separator = text.IndexOf('|', StringComparison.Ordinal);
        return separator > 0 && separator < text.Length - 1 ? (text[..separator], text[(separator + 1)..]) : null;
    }
}
