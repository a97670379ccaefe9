using Gurukul.Features.Payments.Providers;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Payments;

/// <summary>
/// The adapters behind the payment port, chosen by <c>Payments:Provider</c> for new checkouts. Payments made with a provider
/// before a switch keep talking to that provider (refunds, webhooks) as long as its keys stay configured.
/// </summary>
public sealed class PaymentProviderRegistry(IServiceProvider services, IOptions<PaymentOptions> options)
{
    public string ActiveName => options.Value.Provider;

    public IPaymentProvider Active => For(ActiveName);

    public bool SandboxIsActive => ActiveName == PaymentProviders.Sandbox;

    /// <summary>The adapter of a provider whose webhooks and refunds Gurukul can handle now; null for any other name.</summary>
    public IPaymentProvider? Find(string name)
    {
        var configured = name switch
        {
            PaymentProviders.Sandbox => SandboxIsActive,
            PaymentProviders.Razorpay => options.Value.Razorpay is { KeySecret.Length: > 0, WebhookSecret.Length: > 0 },
            PaymentProviders.Stripe => options.Value.Stripe is { SecretKey.Length: > 0, WebhookSecret.Length: > 0 },
            _ => false,
        };
        return configured ? For(name) : null;
    }

    public IPaymentProvider For(string name) => name switch
    {
        PaymentProviders.Sandbox => services.GetRequiredService<SandboxProvider>(),
        PaymentProviders.Razorpay => services.GetRequiredService<RazorpayProvider>(),
        PaymentProviders.Stripe => services.GetRequiredService<StripeProvider>(),
        _ => throw new InvalidOperationException($"Unknown payment provider '{name}'."),
    };
}
