using System.Globalization;
using Gurukul.Features.Profiles;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Payments.Invoices;

/// <summary>
/// A paid payment's GST-ready invoice (API.md <c>GET /api/v1/me/payments/{id}/invoice.pdf</c>): the number allocated when the
/// payment was captured, the seller from settings, the buyer from their account and profile (their state is the place of supply;
/// without one, the seller's), tax lines when a GST rate is set.
/// </summary>
public sealed class Invoices(
    GurukulDbContext db, PaymentHistory history, StudentProfileService profiles, IOptions<PaymentOptions> options, IStringLocalizer<Strings> text)
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Create("d MMM uuuu", CultureInfo.InvariantCulture);

    public async Task<(byte[] Pdf, string FileName)> RenderAsync(string payerId, string paymentId, CancellationToken cancellationToken)
    {
        var payment = await history.MineAsync(payerId, paymentId, cancellationToken);
        if (payment.InvoiceNumber is null || payment.InvoicedAt is not { } invoicedAt)
        {
            throw new NotFoundException(text["payments.no_invoice"]);
        }

        var settings = options.Value.Invoices;
        var buyer = await db.Users.AsNoTracking().Where(u => u.Id == payerId).Select(u => new { u.Name, u.Email }).SingleAsync(cancellationToken);
        var profile = await profiles.FindAsync(payerId, cancellationToken);
        var buyerState = profile is { Country: "IN", State.Length: > 0 } ? profile.State : null;
        var placeOfSupply = buyerState ?? settings.SellerState;
        var gst = settings.Gstin.Length > 0 && settings.GstRatePercent > 0
            ? GstBreakdown.For(payment.Amount.AmountMinor, settings.GstRatePercent,
                string.Equals(placeOfSupply.Trim(), settings.SellerState.Trim(), StringComparison.OrdinalIgnoreCase))
            : null;
        var couponCode = payment.CouponId is { } couponId
            ? await db.Set<Coupons.Coupon>().Where(c => c.Id == couponId).Select(c => c.Code).SingleOrDefaultAsync(cancellationToken)
            : null;
        NotoFonts.EnsureInstalled(settings.FontDirectory);
        var pdf = InvoicePdf.Render(new InvoiceData(
            payment.InvoiceNumber, new LocalDateText(DatePattern.Format(invoicedAt.InZone(DateTimeZoneProviders.Tzdb[options.Value.TimeZone]).Date)),
            settings.SellerName, settings.SellerAddress, settings.Gstin.Length > 0 ? settings.Gstin : null, settings.SellerState, buyer.Name, buyer.Email ?? "",
            placeOfSupply, payment.Description, settings.SacCode, payment.ListPrice, payment.Amount, couponCode, gst, payment.Money(payment.RefundedMinor - payment.RefundedCreditsMinor),
            $"{payment.Provider} {payment.ProviderPaymentId ?? payment.ProviderOrderId}"));
        return (pdf, $"invoice-{payment.InvoiceNumber.Replace('/', '-')}.pdf");
    }
}
