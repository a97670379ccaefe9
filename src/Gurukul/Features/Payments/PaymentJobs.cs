using System.Text.Json;
using Gurukul.Platform.Jobs;

namespace Gurukul.Features.Payments;

/// <summary>The background work of payments, on the durable queue: each runs on one node, and each is safe to run again.</summary>
public static class PaymentJobs
{
    public const string ExpireCheckout = "payments.checkout.expire";
    public const string ReleaseEscrow = "payments.escrow.release";
    public const string SubmitRefund = "payments.refund.submit";

    internal static T Read<T>(string payload) => JsonSerializer.Deserialize<T>(payload, JsonSerializerOptions.Web)!;
}

public sealed record PaymentJobPayload(Guid PaymentId);

public sealed record RefundJobPayload(Guid RefundId);

/// <summary>Closes a checkout that ended unpaid; nothing when it was paid meanwhile.</summary>
internal sealed class ExpireCheckoutJob(PaymentEvents events) : IJobHandler
{
    public string Kind => PaymentJobs.ExpireCheckout;

    public Task RunAsync(string payload, CancellationToken cancellationToken) =>
        events.ExpireAsync(PaymentJobs.Read<PaymentJobPayload>(payload).PaymentId, cancellationToken);
}

/// <summary>Releases a completed session's escrow 48 h after it ended; the ledger's unique reference makes it happen once.</summary>
internal sealed class ReleaseEscrowJob(PaymentsService payments) : IJobHandler
{
    public string Kind => PaymentJobs.ReleaseEscrow;

    public Task RunAsync(string payload, CancellationToken cancellationToken) =>
        payments.ReleaseEscrowAsync(PaymentJobs.Read<PaymentJobPayload>(payload).PaymentId, cancellationToken);
}

/// <summary>Sends a decided refund to the provider; retried with backoff while the provider does not answer.</summary>
internal sealed partial class SubmitRefundJob(PaymentEvents events, ILogger<SubmitRefundJob> logger) : IJobHandler
{
    public string Kind => PaymentJobs.SubmitRefund;

    public Task RunAsync(string payload, CancellationToken cancellationToken) =>
        events.SubmitRefundAsync(PaymentJobs.Read<RefundJobPayload>(payload).RefundId, cancellationToken);

    public Task OnDeadAsync(string payload, string lastError, CancellationToken cancellationToken)
    {
        LogGaveUp(logger, PaymentJobs.Read<RefundJobPayload>(payload).RefundId, lastError);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refund {RefundId} could not be sent to the provider after every retry ({Error}); the student is owed it: send it by hand")]
    private static partial void LogGaveUp(ILogger logger, Guid refundId, string error);
}
