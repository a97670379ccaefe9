using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NodaTime;

namespace Gurukul.Platform.Storage;

/// <summary>The one shape of a storage key, shared by every implementation so a key moves between them unchanged.</summary>
public static partial class StorageKeys
{
    public const int MaxLength = 512;

    /// <summary>
    /// <c>{area}/{yyyy}/{MM}/{32 hex}</c>: the month spreads files over directories (and S3 prefixes), the random part
    /// cannot be guessed or chosen by a user, and the original file name never appears.
    /// </summary>
    public static string New(string area, Instant now)
    {
        if (!AreaPattern().IsMatch(area))
        {
            throw new ArgumentException($"A storage area is lowercase letters, digits and hyphens, such as \"documents\"; got \"{area}\".", nameof(area));
        }

        var utc = now.InUtc();
        return $"{area}/{utc.Year:0000}/{utc.Month:00}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
    }

    /// <summary>
    /// Whether <paramref name="key"/> is a relative, forward-slash path whose segments do not start with a dot (so no
    /// <c>.</c>, <c>..</c> or hidden temporary files). Keys come from this class, but a key read back from a database or a
    /// link is checked again before it touches a disk.
    /// </summary>
    public static bool IsSafe(string? key) => key is { Length: > 0 and <= MaxLength } && SafeKeyPattern().IsMatch(key);

    /// <summary>Throws for a key that <see cref="IsSafe"/> refuses: such a key is a bug or an attack, never user input to answer.</summary>
    public static void EnsureSafe(string key)
    {
        if (!IsSafe(key))
        {
            throw new ArgumentException("Not a valid storage key (relative, forward slashes, no \"..\").", nameof(key));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex AreaPattern();

    // Segments of letters, digits, '.', '_' and '-', not starting with '.', joined by single slashes: no backslash, colon,
    // leading slash or control character.
    [GeneratedRegex(@"^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")]
    private static partial Regex SafeKeyPattern();
}
