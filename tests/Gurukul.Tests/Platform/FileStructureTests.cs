using System.Buffers.Binary;
using System.Text;
using Gurukul.Platform.Storage;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Platform;

/// <summary>
/// Uploads are judged by their structure, not their first bytes (issue 16): a PDF must have a trailer pointing at its
/// cross-reference section, and an image must decode, all of it.
/// </summary>
public sealed class FileStructureTests
{
    public static readonly TheoryData<string, byte[]> WellFormed = new()
    {
        { "a PDF with a cross-reference table", SampleFiles.Pdf() },
        { "a PDF with a cross-reference stream", SampleFiles.PdfWithXrefStream() },
        { "a PDF updated incrementally (the last startxref counts)", Updated(SampleFiles.Pdf()) },
        { "a JPEG", SampleFiles.Jpeg() },
        { "a PNG", SampleFiles.Png() },
    };

    public static readonly TheoryData<string, byte[]> Malformed = new()
    {
        { "%PDF- followed by HTML", Encoding.ASCII.GetBytes("%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>") },
        { "%PDF- and %%EOF with nothing between", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n") },
        { "a PDF cut off before its trailer", SampleFiles.Pdf()[..^60] },
        { "a PDF whose startxref points at the wrong place", Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(SampleFiles.Pdf()).Replace("startxref\n", "startxref\n1", StringComparison.Ordinal)) },
        { "a PDF whose trailer names no catalog", Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(SampleFiles.Pdf()).Replace("/Root 1 0 R", "/Info 1 0 R", StringComparison.Ordinal)) },
        { "a JPEG header on text", [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes("<html><script>alert(1)</script></html>")] },
        { "a JPEG cut in half", SampleFiles.Jpeg()[..(SampleFiles.Jpeg().Length / 2)] },
        { "a PNG signature on text", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Encoding.ASCII.GetBytes("<svg onload=alert(1)>")] },
        { "a PNG cut in half", SampleFiles.Png()[..(SampleFiles.Png().Length / 2)] },
        { "a PNG declaring 100,000 × 100,000 pixels", Huge(SampleFiles.Png(4, 4)) },
    };

    [Theory, MemberData(nameof(WellFormed))]
    public async Task WellFormedFiles_Pass(string what, byte[] bytes)
    {
        var type = FileInspector.Detect(bytes)!;

        Assert.True(await FileStructure.IsWellFormedAsync(new MemoryStream(bytes), type, CancellationToken.None), what);
    }

    [Theory, MemberData(nameof(Malformed))]
    public async Task FilesWhoseStructureIsNotTheirType_AreRefused(string what, byte[] bytes)
    {
        var type = FileInspector.Detect(bytes);

        Assert.NotNull(type);
        Assert.False(await FileStructure.IsWellFormedAsync(new MemoryStream(bytes), type, CancellationToken.None), what);
    }

    [Fact]
    public async Task AFileOfOneType_IsNotWellFormedAsAnother()
    {
        Assert.False(await FileStructure.IsWellFormedAsync(new MemoryStream(SampleFiles.Png()), FileInspector.Jpeg, CancellationToken.None));
        Assert.False(await FileStructure.IsWellFormedAsync(new MemoryStream(SampleFiles.Jpeg()), FileInspector.Png, CancellationToken.None));
    }

    // An incremental update: the original file, then a changed object, a new table and a trailer with its own startxref.
    private static byte[] Updated(byte[] pdf)
    {
        var text = Encoding.ASCII.GetString(pdf);
        var update = new StringBuilder(text);
        var objectAt = update.Length;
        update.Append("5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>\nendobj\n");
        var xrefAt = update.Length;
        update.Append(FormattableString.Invariant($"xref\n5 1\n{objectAt:D10} 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev {text.LastIndexOf("xref", StringComparison.Ordinal)} >>\nstartxref\n{xrefAt}\n%%EOF\n"));
        return Encoding.ASCII.GetBytes(update.ToString());
    }

    // The same PNG with a header that claims 100,000 × 100,000 pixels (and a correct checksum, so only the size is wrong).
    private static byte[] Huge(byte[] png)
    {
        var bytes = (byte[])png.Clone();
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), 100_000);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), 100_000);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), SampleFiles.Crc32(bytes[12..29]));
        return bytes;
    }
}
