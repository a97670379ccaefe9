namespace Gurukul.Platform.Storage;

/// <summary>The name a person gave a file, made safe to show and to put in a download header; it is never used as a path.</summary>
public static class FileNames
{
    /// <summary>
    /// The last path segment, without control characters or bidirectional formatting characters (an RLO can make
    /// "invoice‮fdp.exe" read as "invoiceexe.pdf"), trimmed and cut to <paramref name="maxLength"/>; null when nothing is left.
    /// </summary>
    public static string? Label(string? name, int maxLength)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/')[^1];
        var clean = new string([.. last.Where(c => !char.IsControl(c) && !IsBidiControl(c))]).Trim();
        return clean.Length == 0 ? null : clean.Length > maxLength ? clean[..maxLength] : clean;
    }

    // Unicode's Bidi_Control characters: ALM, LRM, RLM, the embeddings and overrides (LRE…RLO) and the isolates (LRI…PDI).
    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
