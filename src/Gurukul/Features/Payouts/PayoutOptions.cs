using Microsoft.Extensions.Options;

namespace Gurukul.Features.Payouts;

/// <summary>The <c>Payouts</c> configuration section (README "Configuration", docs/adr/0030).</summary>
public sealed class PayoutOptions
{
    public const string Currency = "INR";

    /// <summary>Who sends payouts: sandbox (default: marks them paid with a reference) or razorpayx.</summary>
    public string Provider { get; set; } = PayoutProviders.Sandbox;

    /// <summary>The least available balance paid out in a weekly run, in paise (₹1,000).</summary>
    public long MinimumMinor { get; set; } = 100_000;

    public RazorpayXOptions RazorpayX { get; set; } = new();
}

public static class PayoutProviders
{
    public const string Sandbox = "sandbox";
    public const string RazorpayX = "razorpayx";

    public static readonly IReadOnlyList<string> All = [Sandbox, RazorpayX];
}

public sealed class RazorpayXOptions
{
    public string KeyId { get; set; } = "";
    public string KeySecret { get; set; } = "";
    public string WebhookSecret { get; set; } = "";

    /// <summary>The RazorpayX business account (current account or virtual account) payouts are sent from.</summary>
    public string AccountNumber { get; set; } = "";

    public Uri BaseUrl { get; set; } = new("https://api.razorpay.com/");
}

internal sealed class PayoutOptionsValidator : IValidateOptions<PayoutOptions>
{
    public ValidateOptionsResult Validate(string? name, PayoutOptions options)
    {
        var failures = new List<string>();
        if (!PayoutProviders.All.Contains(options.Provider, StringComparer.Ordinal))
        {
            failures.Add($"Payouts:Provider must be one of {string.Join(", ", PayoutProviders.All)}.");
        }

        var x = options.RazorpayX;
        if (options.Provider == PayoutProviders.RazorpayX
            && (x.KeyId.Length == 0 || x.KeySecret.Length == 0 || x.WebhookSecret.Length == 0 || x.AccountNumber.Length == 0))
        {
            failures.Add("Payouts:RazorpayX needs KeyId, KeySecret, WebhookSecret and AccountNumber.");
        }

        if (options.MinimumMinor < 100)
        {
            failures.Add("Payouts:MinimumMinor must be at least 100 (₹1: RazorpayX sends nothing smaller).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
