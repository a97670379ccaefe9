namespace Gurukul.Platform;

/// <summary>An amount in integer minor units (paise, cents) of an ISO 4217 currency. Never a floating-point number.</summary>
public sealed record Money(long AmountMinor, string Currency)
{
    public static readonly IReadOnlySet<string> Currencies = new HashSet<string>(StringComparer.Ordinal) { "INR", "USD", "AED", "SGD", "GBP", "EUR" };

    /// <summary>Minor units per major unit; all supported currencies use two decimals.</summary>
    public const int MinorUnitsPerMajor = 100;

    public decimal Major => (decimal)AmountMinor / MinorUnitsPerMajor;
}
