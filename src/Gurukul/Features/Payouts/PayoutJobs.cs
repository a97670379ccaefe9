using Gurukul.Platform.Jobs;
using NodaTime;

namespace Gurukul.Features.Payouts;

public static class PayoutJobs
{
    public const string Weekly = "payouts.weekly";
    public const string Send = "payouts.send";
}

/// <summary>
/// The weekly payout run, on the durable queue (one run at a time across nodes): every hour it checks whether the last whole week
/// (Monday–Sunday in the platform's zone) has been paid, and if not, pays it. So it runs early on Monday, and a node that was down
/// on Monday catches up when it comes back; the unique (mentor, period) key makes a repeat create nothing (docs/adr/0030).
/// </summary>
internal sealed class WeeklyPayoutJob(PayoutsService payouts) : IRecurringJob
{
    public string Kind => PayoutJobs.Weekly;

    public Duration Interval => Duration.FromHours(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!await payouts.LastWeekDoneAsync(cancellationToken))
        {
            await payouts.RunAsync(null, null, null, cancellationToken);
        }
    }
}

/// <summary>Sends the payouts waiting to be sent; retried with backoff while the provider does not answer.</summary>
internal sealed class SendPayoutsJob(PayoutsService payouts) : IJobHandler
{
    public string Kind => PayoutJobs.Send;

    public Task RunAsync(string payload, CancellationToken cancellationToken) => payouts.SendPendingAsync(cancellationToken);
}
