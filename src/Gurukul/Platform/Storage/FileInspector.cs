namespace Gurukul.Platform.Storage;

/// <summary>
/// What a file really is, judged by its first bytes. The declared content type and the file name are chosen by the
/// client and prove nothing; a PNG renamed to <c>.pdf</c> is a PNG, and an executable called <c>photo.png</c> is refused.
/// </summary>
public static class FileInspector
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    /// <summary>How many leading bytes <see cref="Detect"/> needs at most.</summary>
    public const int HeaderLength = 8;

    private static readonly byte[] PdfSignature = "%PDF-"u8.ToArray();
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The content type the leading bytes prove, or null for anything Gurukul does not accept.</summary>
    public static string? Detect(ReadOnlySpan<byte> header) =>
        header.StartsWith(PdfSignature) ? Pdf
        : header.StartsWith(JpegSignature) ? Jpeg
        : header.StartsWith(PngSignature) ? Png
        : null;

    /// <summary>Reads up to <see cref="HeaderLength"/> bytes from the start of <paramref name="content"/> and detects its type.</summary>
    public static async Task<string?> DetectAsync(Stream content, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        var read = await content.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancellationToken);
        return Detect(header.AsSpan(0, read));
    }

    /// <summary>The name people know a type by, for messages: "PDF", "JPEG", "PNG".</summary>
    public static string Label(string contentType) => contentType switch
    {
        Pdf => "PDF",
        Jpeg => "JPEG",
        Png => "PNG",
        _ => contentType,
    };
}

/// <summary>What an upload of one kind may be: the detected types allowed and the largest size.</summary>
public sealed record UploadPolicy(string Name, IReadOnlyList<string> AllowedTypes, long MaxBytes)
{
    /// <summary>Certificates, ID and verification documents: scans or photos of paper are common, hence images too.</summary>
    public static UploadPolicy Documents { get; } = new("documents", [FileInspector.Pdf, FileInspector.Jpeg, FileInspector.Png], 10 * 1024 * 1024);

    /// <summary>Profile photos.</summary>
    public static UploadPolicy Photos { get; } = new("photos", [FileInspector.Jpeg, FileInspector.Png], 5 * 1024 * 1024);

    public long MaxMegabytes => MaxBytes / (1024 * 1024);

    public bool Allows(string contentType) => AllowedTypes.Contains(contentType, StringComparer.Ordinal);
}
