using System.Threading.RateLimiting;
using Gurukul.Features.Ledger;
using Gurukul.Features.Payments.Coupons;
using Gurukul.Features.Payments.Invoices;
using Gurukul.Features.Payments.Providers;
using Gurukul.Platform.Jobs;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stripe;

namespace Gurukul.Features.Payments;

/// <summary>The <c>Payments</c> section's limits on the webhook endpoint.</summary>
public sealed class WebhookRateLimitOptions
{
    public int PermitLimit { get; set; } = 600;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public static class PaymentsSetup
{
    /// <summary>Payments, the ledger behind them, coupons, invoices, and the provider chosen by <c>Payments:Provider</c>.</summary>
    public static IServiceCollection AddGurukulPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PaymentOptions>().Bind(configuration.GetSection("Payments")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PaymentOptions>, PaymentOptionsValidator>();
        services.Configure<WebhookRateLimitOptions>(configuration.GetSection("RateLimits:Webhooks"));
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(PaymentsEndpoints.WebhookRateLimit, context =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<WebhookRateLimitOptions>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0 });
        }));
        services.AddHttpContextAccessor();

        services.AddScoped<LedgerService>();
        services.AddScoped<CouponsService>();
        services.AddScoped<InvoiceNumbers>();
        services.AddScoped<Invoices.Invoices>();
        services.AddScoped<PaymentLinks>();
        services.TryAddScoped<SignedCursors>();
        services.AddScoped<PaymentsService>();
        services.AddScoped<PaymentEvents>();
        services.AddScoped<PaymentHistory>();
        services.AddScoped<ProviderCheckouts>();
        services.AddScoped<PaymentProviderRegistry>();
        services.AddSingleton<CheckoutRateLimiter>();

        services.AddSingleton<SandboxProvider>();
        services.AddHttpClient<RazorpayClient>();
        services.AddScoped<RazorpayProvider>();
        services.AddHttpClient(PaymentProviders.Stripe);
        services.AddScoped<IStripeClient>(provider =>
        {
            var stripe = provider.GetRequiredService<IOptions<PaymentOptions>>().Value.Stripe;
            var http = new SystemNetHttpClient(provider.GetRequiredService<IHttpClientFactory>().CreateClient(PaymentProviders.Stripe), maxNetworkRetries: 2);
            return new StripeClient(stripe.SecretKey, httpClient: http, apiBase: stripe.ApiBase.ToString().TrimEnd('/'));
        });
        services.AddScoped<StripeProvider>();

        services.AddJobHandler<ExpireCheckoutJob>();
        services.AddJobHandler<ReleaseEscrowJob>();
        services.AddJobHandler<SubmitRefundJob>();
        return services;
    }
}
