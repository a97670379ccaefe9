using System.Globalization;
using Gurukul.Platform;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Gurukul.Features.Payments.Invoices;

/// <summary>Everything printed on one invoice.</summary>
public sealed record InvoiceData(
    string Number, LocalDateText Date, string SellerName, string SellerAddress, string? Gstin, string SellerState, string BuyerName, string BuyerEmail,
    string PlaceOfSupply, string Description, string SacCode, Money ListPrice, Money Total, string? CouponCode, GstBreakdown? Tax, Money Refunded,
    string PaymentReference);

/// <summary>A date already written for the page ("3 Dec 2026").</summary>
public sealed record LocalDateText(string Text);

/// <summary>
/// GST inside a tax-inclusive price: the taxable value rounded to the paisa (halves up), tax the rest; inside the seller's state
/// it is half CGST and half SGST (the odd paisa to SGST), across states all IGST.
/// </summary>
public sealed record GstBreakdown(decimal RatePercent, long TaxableMinor, long CgstMinor, long SgstMinor, long IgstMinor)
{
    public static GstBreakdown For(long totalMinor, decimal ratePercent, bool sameState)
    {
        var taxable = (long)Math.Round(totalMinor * 100m / (100m + ratePercent), MidpointRounding.AwayFromZero);
        var tax = totalMinor - taxable;
        var cgst = sameState ? tax / 2 : 0;
        return new GstBreakdown(ratePercent, taxable, cgst, sameState ? tax - cgst : 0, sameState ? 0 : tax);
    }
}

/// <summary>Draws an invoice on one A4 page with PDFsharp 6.2.4, the glyphs it uses embedded so it prints the same everywhere.</summary>
internal static class InvoicePdf
{
    private const double Margin = 48;
    private static readonly XPdfFontOptions Embedded = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);

    public static byte[] Render(InvoiceData invoice)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Invoice {invoice.Number}";
        document.Info.Author = invoice.SellerName;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            new Page(graphics, page.Width.Point).Draw(invoice);
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private sealed class Page(XGraphics graphics, double width)
    {
        private double _y = Margin;

        public void Draw(InvoiceData invoice)
        {
            Text(invoice.Tax is null ? "INVOICE" : "TAX INVOICE", 18, bold: true);
            _y += 8;
            Text(invoice.SellerName, 12, bold: true);
            foreach (var line in invoice.SellerAddress.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Text(line, 10);
            }

            Text($"State: {invoice.SellerState}", 10);
            if (invoice.Gstin is { Length: > 0 } gstin)
            {
                Text($"GSTIN: {gstin}", 10);
            }

            _y += 10;
            Text($"Invoice number: {invoice.Number}", 10, bold: true);
            Text($"Invoice date: {invoice.Date.Text}", 10);
            Text($"Place of supply: {invoice.PlaceOfSupply}", 10);
            _y += 10;
            Text("Bill to", 10, bold: true);
            Text(invoice.BuyerName, 11);
            Text(invoice.BuyerEmail, 10);
            _y += 14;

            Row("Description", "SAC", "Qty", "Amount", bold: true);
            graphics.DrawLine(XPens.Gray, Margin, _y - 2, width - Margin, _y - 2);
            var value = invoice.Tax?.TaxableMinor ?? invoice.Total.AmountMinor;
            Row(invoice.Description, invoice.SacCode, "1", Amount(invoice.Total with { AmountMinor = value }));
            graphics.DrawLine(XPens.Gray, Margin, _y + 2, width - Margin, _y + 2);
            _y += 8;

            if (invoice.ListPrice.AmountMinor != invoice.Total.AmountMinor)
            {
                Total("List price", invoice.ListPrice);
                Total($"Discount{(invoice.CouponCode is null ? "" : $" (coupon {invoice.CouponCode})")}", invoice.ListPrice with { AmountMinor = invoice.Total.AmountMinor - invoice.ListPrice.AmountMinor });
            }

            if (invoice.Tax is { } tax)
            {
                var rate = tax.RatePercent.ToString("0.##", CultureInfo.InvariantCulture);
                var half = (tax.RatePercent / 2).ToString("0.##", CultureInfo.InvariantCulture);
                Total("Taxable value", invoice.Total with { AmountMinor = tax.TaxableMinor });
                if (tax.IgstMinor > 0 || tax.CgstMinor + tax.SgstMinor == 0)
                {
                    Total($"IGST @ {rate}%", invoice.Total with { AmountMinor = tax.IgstMinor });
                }
                else
                {
                    Total($"CGST @ {half}%", invoice.Total with { AmountMinor = tax.CgstMinor });
                    Total($"SGST @ {half}%", invoice.Total with { AmountMinor = tax.SgstMinor });
                }
            }

            Total("Total paid", invoice.Total, bold: true);
            if (invoice.Refunded.AmountMinor > 0)
            {
                Total("Refunded since", invoice.Refunded);
            }

            _y += 24;
            Text($"Payment reference: {invoice.PaymentReference}", 9);
            Text("Prices include GST where shown. This invoice was generated electronically and needs no signature.", 9);
        }

        private void Text(string text, double size, bool bold = false)
        {
            Draw(text, size, bold, Margin, _y);
            _y += size * 1.5;
        }

        private void Row(string description, string sac, string quantity, string amount, bool bold = false)
        {
            Draw(description, 10, bold, Margin, _y);
            Draw(sac, 10, bold, width - Margin - 200, _y);
            Draw(quantity, 10, bold, width - Margin - 130, _y);
            DrawRight(amount, 10, bold, width - Margin, _y);
            _y += 16;
        }

        private void Total(string label, Money amount, bool bold = false)
        {
            Draw(label, 10, bold, width - Margin - 260, _y);
            DrawRight(Amount(amount), 10, bold, width - Margin, _y);
            _y += 16;
        }

        /// <summary>Draws each script's run in its own font, one after the other on the line.</summary>
        private void Draw(string text, double size, bool bold, double x, double y)
        {
            foreach (var (run, family) in ScriptRuns.Split(text))
            {
                var font = new XFont(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Embedded);
                graphics.DrawString(run, font, XBrushes.Black, x, y, XStringFormats.TopLeft);
                x += graphics.MeasureString(run, font).Width;
            }
        }

        private void DrawRight(string text, double size, bool bold, double right, double y)
        {
            var font = new XFont(NotoFonts.Latin, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Embedded);
            graphics.DrawString(text, font, XBrushes.Black, right - graphics.MeasureString(text, font).Width, y, XStringFormats.TopLeft);
        }
    }

    /// <summary>₹1,200.00: Indian grouping, always two decimals, as an invoice shows amounts.</summary>
    public static string Amount(Money money)
    {
        var culture = money.Currency == "INR" ? CultureInfo.GetCultureInfo("en-IN") : CultureInfo.InvariantCulture;
        var symbol = money.Currency == "INR" ? "₹" : money.Currency + " ";
        var sign = money.AmountMinor < 0 ? "−" : "";
        return sign + symbol + Math.Abs(money.Major).ToString("N2", culture);
    }
}
