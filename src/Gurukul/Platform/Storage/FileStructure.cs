using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace Gurukul.Platform.Storage;

/// <summary>
/// Whether a file whose leading bytes claim a type (<see cref="FileInspector"/>) really is one, judged by its structure
/// (docs/adr/0018-account-protection.md): a PDF ends with a trailer pointing at a cross-reference section that names the
/// document's catalog; a JPEG or PNG decodes, every row of it. <c>%PDF-</c> followed by HTML, or a JPEG header on anything
/// else, is refused.
/// </summary>
public static partial class FileStructure
{
    /// <summary>Larger images are refused before decoding: 50 megapixels is beyond any phone photo or scan.</summary>
    public const long MaxImagePixels = 50_000_000;

    /// <summary>The largest image decoded whole (PNG): 24 megapixels, 96 MB of pixels for a moment.</summary>
    public const long MaxWholeDecodePixels = 24_000_000;

    private static readonly SemaphoreSlim WholeDecodes = new(1, 1);

    /// <summary>Where a PDF's <c>startxref</c> and <c>%%EOF</c> must be: the last kilobyte (ISO 32000-1 §7.5.5, with room for trailing junk).</summary>
    private const int PdfTailLength = 1024;

    /// <summary>How much of the cross-reference section is read to find its trailer or stream dictionary.</summary>
    private const int PdfXrefWindow = 64 * 1024;

    private const int RowsPerStep = 16;

    /// <summary>True when <paramref name="content"/> (seekable, read from its start) is a well-formed file of <paramref name="contentType"/>.</summary>
    public static async Task<bool> IsWellFormedAsync(Stream content, string contentType, CancellationToken cancellationToken) => contentType switch
    {
        FileInspector.Pdf => IsPdf(content),
        FileInspector.Jpeg => await DecodesAsync(content, SKEncodedImageFormat.Jpeg, cancellationToken),
        FileInspector.Png => await DecodesAsync(content, SKEncodedImageFormat.Png, cancellationToken),
        _ => false,
    };

    private static bool IsPdf(Stream content)
    {
        var length = content.Length;
        var tail = Read(content, Math.Max(0, length - PdfTailLength), PdfTailLength);
        if (StartXref().Matches(tail) is not { Count: > 0 } found || !tail.Contains("%%EOF", StringComparison.Ordinal))
        {
            return false;
        }

        // The last startxref is the one in force (incremental updates append new ones).
        if (!long.TryParse(found[^1].Groups[1].ValueSpan, out var offset) || offset <= 0 || offset >= length)
        {
            return false;
        }

        var section = Read(content, offset, PdfXrefWindow).TrimStart();
        // A classic table ("xref … trailer << … /Root n g R … >>") or, since PDF 1.5, a cross-reference stream whose
        // dictionary says so ("n g obj << /Type /XRef … /Root n g R … >> stream"). Found with IndexOf, never backtracking.
        string? dictionary = null;
        if (section.StartsWith("xref", StringComparison.Ordinal) && section.IndexOf("trailer", StringComparison.Ordinal) is >= 0 and var trailer)
        {
            dictionary = section[trailer..];
        }
        else if (ObjectStart().IsMatch(section) && section.IndexOf("stream", StringComparison.Ordinal) is >= 0 and var stream
            && XrefType().IsMatch(section.AsSpan(0, stream)))
        {
            dictionary = section[..stream];
        }

        return dictionary is not null && RootReference().IsMatch(dictionary);
    }

    private static async Task<bool> DecodesAsync(Stream content, SKEncodedImageFormat format, CancellationToken cancellationToken)
    {
        using var codec = SKCodec.Create(content, out var result);
        if (codec is null || result != SKCodecResult.Success || codec.EncodedFormat != format)
        {
            return false;
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > MaxImagePixels)
        {
            return false;
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        if (codec.StartScanlineDecode(info) == SKCodecResult.Success)
        {
            return DecodeRows(codec, info);
        }

        // This Skia decodes PNG whole only. The bitmap is as large as the file declares (a few kilobytes of PNG can declare
        // tens of megapixels), so such decodes take turns: one at a time, in memory freed at once.
        if ((long)width * height > MaxWholeDecodePixels)
        {
            return false;
        }

        await WholeDecodes.WaitAsync(cancellationToken);
        try
        {
            return DecodeWhole(codec, info);
        }
        finally
        {
            WholeDecodes.Release();
        }
    }

    // Every row, a few at a time into one small buffer: proves the whole image is there without holding a bitmap of it.
    private static bool DecodeRows(SKCodec codec, SKImageInfo info)
    {
        var buffer = Marshal.AllocHGlobal(info.RowBytes * RowsPerStep);
        try
        {
            for (var row = 0; row < info.Height; row += RowsPerStep)
            {
                var rows = Math.Min(RowsPerStep, info.Height - row);
                if (codec.GetScanlines(buffer, rows, info.RowBytes) != rows)
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            Marshal.FreeHGlobal(buffer);
        }
    }

    private static bool DecodeWhole(SKCodec codec, SKImageInfo info)
    {
        var pixels = Marshal.AllocHGlobal((nint)info.BytesSize64);
        try
        {
            return codec.GetPixels(info, pixels) == SKCodecResult.Success;
        }
        finally
        {
            Marshal.FreeHGlobal(pixels);
        }
    }

    private static string Read(Stream content, long offset, int count)
    {
        content.Position = offset;
        var bytes = new byte[(int)Math.Min(count, content.Length - offset)];
        content.ReadExactly(bytes);
        // Latin-1 keeps one character per byte, so PDF keywords match wherever they are among binary data.
        return Encoding.Latin1.GetString(bytes);
    }

    [GeneratedRegex(@"startxref\s+(\d{1,12})\s+%%EOF")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"\A\d+\s+\d+\s+obj\b")]
    private static partial Regex ObjectStart();

    [GeneratedRegex(@"/Type\s*/XRef\b")]
    private static partial Regex XrefType();

    [GeneratedRegex(@"/Root\s+\d+\s+\d+\s+R\b")]
    private static partial Regex RootReference();
}
