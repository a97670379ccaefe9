using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Gurukul.Features.Payments.Invoices;

/// <summary>
/// PDFsharp 6 finds no fonts by itself on Linux: this resolver serves Noto from Debian's fonts-noto-core. Noto Sans carries the
/// Latin text and the ₹ sign; Devanagari and Telugu names are drawn in their own Noto faces (see <see cref="ScriptRuns"/>).
/// </summary>
internal sealed class NotoFonts(string directory) : IFontResolver
{
    public const string Latin = "Noto Sans";
    public const string Devanagari = "Noto Sans Devanagari";
    public const string Telugu = "Noto Sans Telugu";

    private static readonly Lock Gate = new();
    private static NotoFonts? _installed;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>
    /// Installs the resolver once per process: PDFsharp allows setting it only before its first font is used, and every app in
    /// the process then shares it.
    /// </summary>
    public static void EnsureInstalled(string directory)
    {
        lock (Gate)
        {
            if (_installed is null)
            {
                _installed = new NotoFonts(directory);
                GlobalFontSettings.FontResolver = _installed;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var file = familyName switch
        {
            Devanagari => "NotoSansDevanagari",
            Telugu => "NotoSansTelugu",
            _ => "NotoSans",
        };
        return new FontResolverInfo(file + (bold ? "-Bold" : "-Regular"));
    }

    public byte[]? GetFont(string faceName) => _files.GetOrAdd(faceName, face =>
    {
        var path = Path.Combine(directory, face + ".ttf");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"Invoices need the Noto fonts (Debian: apt-get install fonts-noto-core); {path} is missing. Set Payments:Invoices:FontDirectory.", path);
    });
}

/// <summary>Cuts text into runs of one script, so each is drawn in a font that has its letters.</summary>
internal static class ScriptRuns
{
    public static IEnumerable<(string Text, string Family)> Split(string text)
    {
        var start = 0;
        string? family = null;
        for (var i = 0; i < text.Length; i++)
        {
            // Spaces, digits and punctuation stay in the run they are in: only letters of a script start a new one.
            if (FamilyOf(text[i]) is not { } current || current == family)
            {
                continue;
            }

            if (family is not null && i > start)
            {
                yield return (text[start..i], family);
                start = i;
            }

            family = current;
        }

        if (start < text.Length)
        {
            yield return (text[start..], family ?? NotoFonts.Latin);
        }
    }

    private static string? FamilyOf(char c) => c switch
    {
        >= '\u0900' and <= '\u097F' or >= '\uA8E0' and <= '\uA8FF' => NotoFonts.Devanagari,
        >= '\u0C00' and <= '\u0C7F' => NotoFonts.Telugu,
        _ when char.IsLetter(c) => NotoFonts.Latin,
        _ => null,
    };
}
