using System.Globalization;
using Gurukul.Platform;

namespace Gurukul.Features.Mentors.Pages;

/// <summary>Shows money as people expect it: ₹1,200 in India (lakh grouping), $45 elsewhere; whole amounts without decimals.</summary>
public static class MoneyFormat
{
    public static string Format(Money money)
    {
        var region = money.Currency switch
        {
            "INR" => "en-IN",
            "USD" => "en-US",
            "AED" => "en-AE",
            "SGD" => "en-SG",
            "GBP" => "en-GB",
            _ => "en-IE",
        };
        var format = (NumberFormatInfo)CultureInfo.GetCultureInfo(region).NumberFormat.Clone();
        var decimals = money.AmountMinor % Money.MinorUnitsPerMajor == 0 ? 0 : 2;
        return money.Major.ToString("C" + decimals.ToString(CultureInfo.InvariantCulture), format);
    }
}
