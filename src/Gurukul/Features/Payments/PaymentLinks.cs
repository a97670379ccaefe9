using Gurukul.Platform.Web;

namespace Gurukul.Features.Payments;

/// <summary>Where a payment's pages are, as local paths and (for providers and API clients) absolute URLs.</summary>
public sealed class PaymentLinks(IHttpContextAccessor http, IConfiguration configuration)
{
    public static string CheckoutPath(Guid paymentId) => $"/payments/{paymentId}/checkout";

    public static string SandboxFormPath(Guid paymentId) => $"/payments/{paymentId}/sandbox";

    public static string RazorpayReturnPath(Guid paymentId) => $"/payments/{paymentId}/razorpay";

    public static string InvoicePath(Guid paymentId) => $"/api/v1/me/payments/{paymentId}/invoice.pdf";

    /// <summary><paramref name="path"/> on Gurukul's public base URL (<c>Gurukul:PublicBaseUrl</c>, else this request's host).</summary>
    public string Absolute(string path) =>
        (http.HttpContext is { } context ? PublicUrls.BaseUrl(context)
            : configuration["Gurukul:PublicBaseUrl"]?.TrimEnd('/') ?? "http://localhost:5080") + path;
}
