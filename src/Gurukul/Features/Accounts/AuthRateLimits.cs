using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Gurukul.Platform.Errors;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Accounts;

public sealed class AuthRateLimitOptions
{
    /// <summary>Requests per client address per window on sign-in, sign-up, reset and confirmation endpoints and forms.</summary>
    public int PermitLimit { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The <see cref="Policies.AuthRateLimit"/> limiter: one fixed window per client address, shared by the API's authentication
/// endpoints and the pages with their forms (sign-in, sign-up, forgot and reset password, guardian consent, the account
/// page), so switching from one to the other buys nothing. A page counts only what it is sent (its form posts): showing a
/// form guesses nothing, and a school lab behind one address should not spend its budget on opening the sign-in page.
/// </summary>
public static class AuthRateLimits
{
    public static IServiceCollection AddAuthRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuthRateLimitOptions>(configuration.GetSection("RateLimits:Auth"));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policies.AuthRateLimit, context =>
            {
                if (!ApiRequests.IsApi(context.Request) && !HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("page view");
                }

                var limits = context.RequestServices.GetRequiredService<IOptions<AuthRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientKey(context.Connection.RemoteIpAddress),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0 });
            });
            // No body here: the status code pages answer with problem details under /api and the error page elsewhere.
            options.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>
    /// Whose bucket a request fills: its client address, the real one behind a trusted proxy (ForwardedHeaders). An IPv6
    /// client is counted by its /64, the block one subscriber is given, or it could take a fresh address per attempt.
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
