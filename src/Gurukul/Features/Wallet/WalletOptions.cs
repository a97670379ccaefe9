namespace Gurukul.Features.Wallet;

/// <summary>The <c>Wallet</c> configuration section (README "Configuration", docs/adr/0031).</summary>
public sealed class WalletOptions
{
    /// <summary>The one currency wallet credit exists in.</summary>
    public const string Currency = "INR";

    /// <summary>Credit every new student starts with, in paise (₹100).</summary>
    public long StarterCreditMinor { get; set; } = 10_000;

    /// <summary>Credit each side of a referral gets after the referred student's first completed paid session, in paise (₹250).</summary>
    public long ReferralRewardMinor { get; set; } = 25_000;

    /// <summary>How long a grant of credit lasts.</summary>
    public int CreditLifetimeMonths { get; set; } = 12;

    /// <summary>How long before credit lapses its owner is told.</summary>
    public int ExpiryWarningDays { get; set; } = 30;
}
