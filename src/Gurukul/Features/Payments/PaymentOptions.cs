using Microsoft.Extensions.Options;
using NodaTime;

namespace Gurukul.Features.Payments;

/// <summary>The <c>Payments</c> configuration section (README "Configuration", docs/adr/0025-payments.md).</summary>
public sealed class PaymentOptions
{
    /// <summary>Which provider takes new payments: sandbox (default, no account needed), razorpay or stripe.</summary>
    public string Provider { get; set; } = PaymentProviders.Sandbox;

    /// <summary>Checkouts one user may start per <see cref="CheckoutWindow"/> (per node) before 429.</summary>
    public int CheckoutLimit { get; set; } = 20;

    public TimeSpan CheckoutWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The platform's calendar: invoice dates and financial years, payout Mondays, the days of finance summaries.</summary>
    public string TimeZone { get; set; } = "Asia/Kolkata";

    public SandboxOptions Sandbox { get; set; } = new();
    public RazorpayOptions Razorpay { get; set; } = new();
    public StripeOptions Stripe { get; set; } = new();
    public InvoiceOptions Invoices { get; set; } = new();
}

/// <summary>The names <c>Payments:Provider</c> takes, as they appear in the API and in webhook paths.</summary>
public static class PaymentProviders
{
    public const string Sandbox = "sandbox";
    public const string Razorpay = "razorpay";
    public const string Stripe = "stripe";

    public static readonly IReadOnlyList<string> All = [Sandbox, Razorpay, Stripe];
}

public sealed class SandboxOptions
{
    /// <summary>Signs the sandbox's webhooks. Empty: a random secret per process (the sandbox only signs for itself).</summary>
    public string WebhookSecret { get; set; } = "";
}

public sealed class RazorpayOptions
{
    public string KeyId { get; set; } = "";
    public string KeySecret { get; set; } = "";
    public string WebhookSecret { get; set; } = "";
    public Uri BaseUrl { get; set; } = new("https://api.razorpay.com/");
    public Uri CheckoutScript { get; set; } = new("https://checkout.razorpay.com/v1/checkout.js");

    /// <summary>The merchant name Razorpay Checkout shows.</summary>
    public string MerchantName { get; set; } = "Gurukul";
}

public sealed class StripeOptions
{
    public string SecretKey { get; set; } = "";
    public string WebhookSecret { get; set; } = "";

    /// <summary>Where Stripe's API answers; only tests point it elsewhere.</summary>
    public Uri ApiBase { get; set; } = new("https://api.stripe.com");

    /// <summary>How old a signed webhook may be (Stripe.net's default is 300 s).</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>What a GST-ready invoice says about the seller, and how tax is shown.</summary>
public sealed class InvoiceOptions
{
    public string SellerName { get; set; } = "Gurukul";
    public string SellerAddress { get; set; } = "";

    /// <summary>The seller's GSTIN; empty when not registered (then no tax lines and the document is a plain invoice).</summary>
    public string Gstin { get; set; } = "";

    /// <summary>The seller's state (for CGST+SGST inside it, IGST across states), as students write it: "Karnataka".</summary>
    public string SellerState { get; set; } = "Karnataka";

    /// <summary>SAC 999293: commercial training and coaching services.</summary>
    public string SacCode { get; set; } = "999293";

    /// <summary>GST included in prices, in percent (18); 0 shows no tax lines.</summary>
    public decimal GstRatePercent { get; set; }

    /// <summary>Start of every invoice number; with the financial year and a six-digit serial it must stay within GST's 16 characters.</summary>
    public string NumberPrefix { get; set; } = "GK";

    /// <summary>Where the Noto fonts are (Debian's fonts-noto-core).</summary>
    public string FontDirectory { get; set; } = "/usr/share/fonts/truetype/noto";
}

internal sealed class PaymentOptionsValidator : IValidateOptions<PaymentOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentOptions options)
    {
        var failures = new List<string>();
        if (!PaymentProviders.All.Contains(options.Provider, StringComparer.Ordinal))
        {
            failures.Add($"Payments:Provider must be one of {string.Join(", ", PaymentProviders.All)}.");
        }

        if (options.Provider == PaymentProviders.Razorpay
            && (options.Razorpay.KeyId.Length == 0 || options.Razorpay.KeySecret.Length == 0 || options.Razorpay.WebhookSecret.Length == 0))
        {
            failures.Add("Payments:Razorpay needs KeyId, KeySecret and WebhookSecret.");
        }

        if (options.Provider == PaymentProviders.Stripe && (options.Stripe.SecretKey.Length == 0 || options.Stripe.WebhookSecret.Length == 0))
        {
            failures.Add("Payments:Stripe needs SecretKey and WebhookSecret.");
        }

        if (options.Invoices.NumberPrefix.Length > 4)
        {
            failures.Add("Payments:Invoices:NumberPrefix may have at most 4 characters (GST invoice numbers have at most 16).");
        }

        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone) is null)
        {
            failures.Add("Payments:TimeZone must be an IANA time zone (Asia/Kolkata).");
        }

        if (options.Invoices.GstRatePercent is < 0 or > 28)
        {
            failures.Add("Payments:Invoices:GstRatePercent must be between 0 and 28.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
