using Gurukul.Features.Payouts.Providers;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Payouts;

/// <summary>The adapters behind the payout port, chosen by <c>Payouts:Provider</c>.</summary>
public sealed class PayoutProviderRegistry(IServiceProvider services, IOptions<PayoutOptions> options)
{
    public string ActiveName => options.Value.Provider;

    public IPayoutProvider Active => For(ActiveName);

    /// <summary>The adapter whose webhooks Gurukul takes now (RazorpayX with its keys configured); null for any other name.</summary>
    public IPayoutProvider? Find(string name) =>
        name == PayoutProviders.RazorpayX && options.Value.RazorpayX is { KeySecret.Length: > 0, WebhookSecret.Length: > 0 } ? For(name) : null;

    private IPayoutProvider For(string name) => name switch
    {
        PayoutProviders.Sandbox => services.GetRequiredService<SandboxPayouts>(),
        PayoutProviders.RazorpayX => services.GetRequiredService<RazorpayXPayouts>(),
        _ => throw new InvalidOperationException($"Unknown payout provider '{name}'."),
    };
}
