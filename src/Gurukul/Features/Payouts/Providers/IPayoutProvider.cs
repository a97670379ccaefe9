using Gurukul.Platform;

namespace Gurukul.Features.Payouts.Providers;

/// <summary>
/// The payout port (docs/adr/0030): sends one attempt of a payout to a mentor's destination, idempotently under the payout's id and
/// attempt, and reads the provider's signed reports of how it ended.
/// </summary>
public interface IPayoutProvider
{
    string Name { get; }

    Task<PayoutSent> SendAsync(PayoutOrder order, CancellationToken cancellationToken);

    /// <summary>Checks the signature over the raw body and reads the event; throws on a bad signature, null for events not acted on.</summary>
    PayoutEvent? ReadWebhook(IHeaderDictionary headers, byte[] body);
}

/// <summary>
/// One attempt to pay <paramref name="Amount"/> to a mentor. <paramref name="ContactId"/> and <paramref name="FundAccountId"/> are the
/// provider's beneficiary, when registered before for this destination.
/// </summary>
public sealed record PayoutOrder(
    Guid PayoutId, int Attempt, Money Amount, PayoutDestination Destination, string MentorId, string MentorName, string MentorEmail,
    string? ContactId, string? FundAccountId);

public enum PayoutOutcome
{
    /// <summary>Accepted; the provider reports the end later.</summary>
    Processing,

    Processed,
    Failed,
}

/// <summary>What the provider said; the beneficiary ids to remember for the next payout to the same destination.</summary>
public sealed record PayoutSent(
    string ProviderPayoutId, PayoutOutcome Outcome, string? Reference, string? FailureReason, string? ContactId, string? FundAccountId);

/// <summary>A provider's report: <paramref name="Reversed"/> when money that had arrived came back.</summary>
public sealed record PayoutEvent(
    string EventId, string Type, Guid? PayoutId, int? Attempt, string ProviderPayoutId, PayoutOutcome Outcome, string? Reference, string? FailureReason, bool Reversed);

/// <summary>The provider could not be reached or refused the request for reasons of its own: the payout stays queued and is tried again.</summary>
public sealed class PayoutProviderException(string message, Exception? inner = null) : Exception(message, inner);
