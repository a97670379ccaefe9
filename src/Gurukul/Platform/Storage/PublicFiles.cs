namespace Gurukul.Platform.Storage;

/// <summary>
/// Files anyone may see (profile photos), served at <c>/media/{key}</c> without a signature. Only keys in a public area
/// are served this way: a private document's key, even if it leaked, is not reachable here.
/// </summary>
public static class PublicFiles
{
    public const string PathPrefix = "/media/";

    private static readonly string[] PublicAreas = [UploadPolicy.Photos.Name];

    public static string Url(string key) => PathPrefix + key;

    public static bool IsPublic(string? key) =>
        StorageKeys.IsSafe(key) && PublicAreas.Any(area => key!.StartsWith(area + "/", StringComparison.Ordinal));
}
