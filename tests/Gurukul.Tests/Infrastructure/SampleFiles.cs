using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Gurukul.Tests.Infrastructure;

/// <summary>Small but real files for upload tests: a PDF a viewer opens and a PNG a browser draws.</summary>
public static class SampleFiles
{
    /// <summary>A well-formed PDF of exactly <paramref name="size"/> bytes: the one-page PDF with a comment line to fill it.</summary>
    public static byte[] PdfOfSize(long size)
    {
        // The comment moves every offset, and so the number of digits after startxref: settle the length in a few rounds.
        var padding = 0;
        for (var pdf = Pdf(); ; pdf = Pdf(padding: padding))
        {
            if (pdf.Length == size)
            {
                return pdf;
            }

            padding += (int)(size - pdf.Length);
        }
    }

    /// <summary>A one-page PDF with a line of text, its cross-reference table at the right offsets.</summary>
    public static byte[] Pdf(string line = "Sample ID proof", int padding = 0)
    {
        var content = $"BT /F1 24 Tf 72 720 Td ({line}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        if (padding > 0)
        {
            pdf.Append('%').Append('x', padding).Append('\n');
        }

        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>
    /// The same one-page PDF written as PDF 1.5 writers do: its cross-reference table is a stream object (/Type /XRef) whose
    /// dictionary is the trailer, with no "trailer" keyword anywhere.
    /// </summary>
    public static byte[] PdfWithXrefStream()
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        ];
        var pdf = new MemoryStream();
        void Write(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));
        Write("%PDF-1.5\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add((int)pdf.Length);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = (int)pdf.Length;
        offsets.Add(xref);
        // Rows of /W [1 4 2]: type, offset, generation; row 0 is the free list's head.
        var rows = new List<byte> { 0, 0, 0, 0, 0, 0xFF, 0xFF };
        foreach (var offset in offsets)
        {
            rows.Add(1);
            rows.AddRange(BitConverter.GetBytes(BinaryPrimitives.ReverseEndianness(offset)));
            rows.AddRange([0, 0]);
        }

        Write(FormattableString.Invariant($"{objects.Length + 1} 0 obj\n<< /Type /XRef /Size {objects.Length + 2} /W [1 4 2] /Root 1 0 R /Length {rows.Count} >>\nstream\n"));
        pdf.Write(rows.ToArray());
        Write(FormattableString.Invariant($"\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n"));
        return pdf.ToArray();
    }

    /// <summary>A JPEG photo-like card (a band and a square on a pale background), encoded by SkiaSharp.</summary>
    public static byte[] Jpeg(int width = 320, int height = 200)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(238, 242, 255));
            using var band = new SKPaint { Color = new SKColor(49, 46, 129) };
            canvas.DrawRect(0, 0, width, height / 5f, band);
            using var photo = new SKPaint { Color = new SKColor(148, 163, 184) };
            canvas.DrawRect(width / 12f, height / 3f, width / 4f, height / 2f, photo);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    /// <summary>A PNG that looks like a card: a pale background, a dark band across the top and a grey photo square.</summary>
    public static byte[] Png(int width = 320, int height = 200)
    {
        var pixels = new byte[height * ((width * 3) + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = y * ((width * 3) + 1);
            pixels[row] = 0; // no filter
            for (var x = 0; x < width; x++)
            {
                (byte R, byte G, byte B) colour = y < height / 5 ? ((byte)49, (byte)46, (byte)129)
                    : x > width / 12 && x < width / 3 && y > height / 3 && y < height * 5 / 6 ? ((byte)148, (byte)163, (byte)184)
                    : ((byte)238, (byte)242, (byte)255);
                pixels[row + 1 + (x * 3)] = colour.R;
                pixels[row + 2 + (x * 3)] = colour.G;
                pixels[row + 3 + (x * 3)] = colour.B;
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(pixels);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 2; // truecolour RGB
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Bytes that are no accepted type, whatever name or content type a client gives them.</summary>
    public static byte[] Text() => Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    internal static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
