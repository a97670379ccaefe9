namespace Gurukul.Features.Payments.Pages;

/// <summary>
/// Razorpay Checkout loads its script from checkout.razorpay.com and opens frames and requests to api.razorpay.com. Only the
/// checkout page of a Razorpay payment widens the page policy for them; everything else about the policy stays.
/// </summary>
public static class RazorpayContentSecurity
{
    public static string Policy(string pagePolicy) => pagePolicy
        .Replace("script-src 'self'", "script-src 'self' https://checkout.razorpay.com", StringComparison.Ordinal)
        .Replace("connect-src 'self'", "connect-src 'self' https://api.razorpay.com https://lumberjack.razorpay.com", StringComparison.Ordinal)
        .Replace("img-src 'self' data:", "img-src 'self' data: https://cdn.razorpay.com", StringComparison.Ordinal)
        .Replace("default-src 'self';", "default-src 'self'; frame-src https://api.razorpay.com https://checkout.razorpay.com;", StringComparison.Ordinal);
}
