using Gurukul.Features.Payments.Providers;

namespace Gurukul.Features.Payouts.Providers;

/// <summary>
/// The built-in payout provider of the embedded default: no account, no money. A payout is paid at once with a reference
/// (<c>SBX</c> and the payout's id), except to a UPI id at the handle <c>@fail</c>, which fails as a bank would refuse it, so the
/// failure path can be seen without a real bank (like a provider's test numbers).
/// </summary>
public sealed class SandboxPayouts : IPayoutProvider
{
    public const string FailingHandle = "@fail";

    public string Name => PayoutProviders.Sandbox;

    public Task<PayoutSent> SendAsync(PayoutOrder order, CancellationToken cancellationToken)
    {
        var id = $"sbx_pout_{order.PayoutId:N}_{order.Attempt}";
        return Task.FromResult(order.Destination.UpiId?.EndsWith(FailingHandle, StringComparison.Ordinal) == true
            ? new PayoutSent(id, PayoutOutcome.Failed, null, "The beneficiary bank refused the UPI id (sandbox).", null, null)
            : new PayoutSent(id, PayoutOutcome.Processed, $"SBX{order.PayoutId.ToString("N")[..12].ToUpperInvariant()}{order.Attempt}", null, null, null));
    }

    public PayoutEvent? ReadWebhook(IHeaderDictionary headers, byte[] body) => throw new WebhookSignatureException("The sandbox sends no payout webhooks.");
}
