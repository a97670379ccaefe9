using System.Security.Cryptography;
using System.Text;

namespace Gurukul.Features.Payments.Providers;

/// <summary>HMAC-SHA256 as the providers use it: lower-case hex, compared in constant time.</summary>
public static class WebhookSignatures
{
    public static string HmacHex(string secret, byte[] message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));

    public static string HmacHex(string secret, string message) => HmacHex(secret, Encoding.UTF8.GetBytes(message));

    public static bool Matches(string expectedHex, string? givenHex) =>
        givenHex is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expectedHex), Encoding.ASCII.GetBytes(givenHex.Trim().ToLowerInvariant()));
}
