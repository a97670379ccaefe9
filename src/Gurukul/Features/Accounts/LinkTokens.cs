using System.Buffers.Text;
using System.Text;

namespace Gurukul.Features.Accounts;

/// <summary>
/// The tokens in emailed links name their user, so the link (and the API's <c>{ token }</c>) is one opaque string:
/// base64url("userId|identityToken"). The Identity token inside is what proves anything.
/// </summary>
public static class LinkTokens
{
    public static string Pack(string userId, string token) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(userId + "|" + token));

    public static (string UserId, string Token)? Unpack(string? packed)
    {
        if (string.IsNullOrWhiteSpace(packed) || packed.Length > 2048)
        {
            return null;
        }

        // Decoding throws on malformed input (even TryDecodeFromChars), so validity is checked first.
        var trimmed = packed.Trim();
        if (!Base64Url.IsValid(trimmed))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(trimmed));
        var separator = text.IndexOf('|', StringComparison.Ordinal);
        return separator > 0 && separator < text.Length - 1 ? (text[..separator], text[(separator + 1)..]) : null;
    }
}
