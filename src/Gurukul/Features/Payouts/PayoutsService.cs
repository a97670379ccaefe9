using Gurukul.Features.Accounts;
using Gurukul.Features.Audit;
using Gurukul.Features.Ledger;
using Gurukul.Features.Mentors;
using Gurukul.Features.Payouts.Providers;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Jobs;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Payouts;

/// <summary>
/// Paying mentors (docs/adr/0030): the weekly run creates one payout per mentor and period (the database refuses a second), moving
/// the money from available to in flight on the ledger; a job sends them through the payout port; the provider's answer or webhook
/// settles each as paid, or as failed with the money available again and the mentor told why; staff may retry a failed one.
/// </summary>
public sealed partial class PayoutsService(
    GurukulDbContext db, LedgerService ledger, PayoutMethods methods, PayoutProviderRegistry providers, PayoutPeriods periods, PayoutMails mails,
    JobQueue jobs, AuditLog audit, IOptions<PayoutOptions> options, IClock clock, IStringLocalizer<Strings> text, ILogger<PayoutsService> logger)
{
    private const int RunBatch = 500;
    private const int SendBatch = 200;

    /// <summary>
    /// Creates the payouts of the week ending <paramref name="periodEnd"/> (default: the last whole week) for every mentor with a
    /// payout method and at least the minimum available, as it stood when that week ended and still is. Running a period again
    /// creates only what is missing: nothing, once it is done. 400 naming <c>periodEnd</c> for a day that is not a past Sunday.
    /// </summary>
    public async Task<PayoutRunDto> RunAsync(string? periodEnd, string? actorId, ClientInfo? client, CancellationToken cancellationToken)
    {
        var end = PeriodEnd(periodEnd);
        var now = clock.GetCurrentInstant();
        var run = await db.Set<PayoutRun>().SingleOrDefaultAsync(r => r.PeriodEnd == end, cancellationToken);
        if (run is null)
        {
            run = new PayoutRun { PeriodEnd = end, StartedAt = now };
            db.Add(run);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException raced) when (DbErrors.IsUniqueViolation(raced))
            {
                // Another node started this period at the same moment; both go on, the payouts' unique key keeps them apart.
                db.ChangeTracker.Clear();
                run = await db.Set<PayoutRun>().SingleAsync(r => r.PeriodEnd == end, cancellationToken);
            }
        }

        var (created, total) = (0, 0L);
        foreach (var batch in (await EligibleAsync(end, cancellationToken)).Chunk(RunBatch))
        {
            var (batchCreated, batchTotal) = await CreateBatchAsync(end, batch, cancellationToken);
            created += batchCreated;
            total += batchTotal;
        }

        run = await db.Set<PayoutRun>().SingleAsync(r => r.PeriodEnd == end, cancellationToken);
        run.Created += created;
        run.TotalMinor += total;
        run.CompletedAt = clock.GetCurrentInstant();
        if (created > 0)
        {
            jobs.Add(PayoutJobs.Send, new { });
        }

        if (client is not null)
        {
            audit.Add(AuditActions.PayoutsRun, client, actorId, detail: $"period ending {LocalDatePattern.Iso.Format(end)}: {created} payouts, {total} paise");
        }

        await db.SaveChangesAsync(cancellationToken);
        LogRun(logger, LocalDatePattern.Iso.Format(end), created, total);
        return new PayoutRunDto(created, MoneyDto.From(new Money(total, PayoutOptions.Currency)), LocalDatePattern.Iso.Format(end));
    }

    /// <summary>Whether the weekly run of the last whole week has finished (the hourly job runs it when not).</summary>
    public async Task<bool> LastWeekDoneAsync(CancellationToken cancellationToken)
    {
        var end = periods.LastEnded;
        return await db.Set<PayoutRun>().AnyAsync(r => r.PeriodEnd == end && r.CompletedAt != null, cancellationToken);
    }

    /// <summary>
    /// The send job: every payout not yet sent, a batch at a time. A provider that does not answer stops it (the job is retried
    /// with backoff; the provider's idempotency key makes a resend safe).
    /// </summary>
    public async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        var provider = providers.Active;
        while (true)
        {
            var batch = await db.Set<Payout>().Where(p => p.Status == PayoutStatus.Pending && p.SubmittedAt == null)
                .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Take(SendBatch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            var mentorIds = batch.Select(p => p.MentorId).Distinct().ToList();
            var destinations = await db.Set<PayoutMethod>().Where(m => mentorIds.Contains(m.MentorId)).ToDictionaryAsync(m => m.MentorId, cancellationToken);
            var people = await db.Users.Where(u => mentorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
            try
            {
                foreach (var payout in batch)
                {
                    await SendAsync(provider, payout, destinations.GetValueOrDefault(payout.MentorId), people[payout.MentorId], cancellationToken);
                }
            }
            finally
            {
                // What was sent is recorded even when a later one in the batch could not be.
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>A provider's webhook: 404 for a provider not configured, 400 on a bad signature, otherwise acted on once.</summary>
    public async Task ReceiveAsync(string provider, IHeaderDictionary headers, byte[] body, CancellationToken cancellationToken)
    {
        var adapter = providers.Find(provider) ?? throw new NotFoundException(text["payments.unknown_provider"]);
        PayoutEvent? received;
        try
        {
            received = adapter.ReadWebhook(headers, body);
        }
        catch (Payments.Providers.WebhookSignatureException exception)
        {
            LogBadSignature(logger, provider, exception.Message);
            throw new ValidationException("signature", text["payments.bad_signature"]);
        }
        catch (System.Text.Json.JsonException)
        {
            throw new ValidationException("body", text["problem.json.detail"]);
        }

        if (received is null)
        {
            return;
        }

        await db.InTransactionAsync(async () =>
        {
            if (await db.Set<PayoutWebhookEvent>().AnyAsync(e => e.Provider == adapter.Name && e.EventId == received.EventId, cancellationToken))
            {
                return false;
            }

            var payout = received.PayoutId is { } id
                ? await db.Set<Payout>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
                : await db.Set<Payout>().SingleOrDefaultAsync(p => p.ProviderPayoutId == received.ProviderPayoutId, cancellationToken);
            // An event about an earlier attempt of a retried payout is history: that attempt's money was settled already.
            if (payout is null || (received.Attempt is { } attempt && attempt != payout.Attempt))
            {
                LogUnknownEvent(logger, adapter.Name, received.Type, received.EventId);
                return false;
            }

            var mentor = await db.Users.SingleAsync(u => u.Id == payout.MentorId, cancellationToken);
            if (received.Outcome == PayoutOutcome.Processed)
            {
                Paid(payout, received.ProviderPayoutId, received.Reference);
            }
            else
            {
                Failed(payout, mentor, received.FailureReason ?? received.Type);
            }

            db.Add(new PayoutWebhookEvent
            {
                Provider = adapter.Name, EventId = received.EventId, Type = received.Type, PayoutId = payout.Id, ReceivedAt = clock.GetCurrentInstant(),
            });
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Staff try a failed payout again, same amount, to the mentor's current method: 404 for an unknown id, 409 unless it failed,
    /// when the mentor has no method now, or when less than its amount is available.
    /// </summary>
    public async Task<PayoutDto> RetryAsync(string payoutId, string actorId, ClientInfo client, CancellationToken cancellationToken)
    {
        var payout = (Guid.TryParse(payoutId, out var id) ? await db.Set<Payout>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) : null)
            ?? throw new NotFoundException(text["payouts.not_found"]);
        if (payout.Status != PayoutStatus.Failed)
        {
            throw new ConflictException(text["payouts.retry_not_failed"]);
        }

        var method = await db.Set<PayoutMethod>().AsNoTracking().SingleOrDefaultAsync(m => m.MentorId == payout.MentorId, cancellationToken)
            ?? throw new ConflictException(text["payouts.retry_no_method"]);
        if (await ledger.BalanceAsync(LedgerAccount.MentorPayable, payout.MentorId, payout.Currency, cancellationToken) < payout.AmountMinor)
        {
            throw new ConflictException(text["payouts.retry_not_available"]);
        }

        payout.Retry();
        payout.Provider = providers.ActiveName;
        payout.MethodKind = method.Kind;
        payout.MethodMasked = method.Masked;
        PostSent(payout, clock.GetCurrentInstant());
        jobs.Add(PayoutJobs.Send, new { });
        audit.Add(AuditActions.PayoutRetried, client, actorId, payout.MentorId, $"payout {payout.Id} attempt {payout.Attempt}");
        await db.SaveChangesAsync(cancellationToken);
        return PayoutDto.From(payout);
    }

    /// <summary>The mentor's payouts, newest first (at most 100).</summary>
    public async Task<IReadOnlyList<PayoutDto>> MineAsync(string mentorId, CancellationToken cancellationToken) =>
        [.. (await db.Set<Payout>().AsNoTracking().Where(p => p.MentorId == mentorId).OrderByDescending(p => p.CreatedAt).Take(100).ToListAsync(cancellationToken))
            .Select(PayoutDto.From)];

    /// <summary>Every payout for staff, newest first, optionally of one status; at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<AdminPayoutDto>> ListAsync(string? status, int take, CancellationToken cancellationToken)
    {
        var rows = db.Set<Payout>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status))
        {
            var wanted = status.Trim().ToLowerInvariant() switch
            {
                "pending" => PayoutStatus.Pending,
                "paid" => PayoutStatus.Paid,
                "failed" => PayoutStatus.Failed,
                _ => throw new ValidationException("status", text["payouts.status_invalid"]),
            };
            rows = rows.Where(p => p.Status == wanted);
        }

        var page = await rows.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(take)
            .Join(db.Users, p => p.MentorId, u => u.Id, (p, u) => new { Payout = p, u.Name })
            .ToListAsync(cancellationToken);
        return [.. page.Select(r =>
        {
            var dto = PayoutDto.From(r.Payout);
            return new AdminPayoutDto(dto.Id, r.Payout.MentorId, r.Name, dto.Amount, dto.Status, dto.PeriodEnd, dto.PaidAt, dto.Reference, dto.Method,
                dto.FailureReason, r.Payout.Attempt, dto.CreatedAt);
        })];
    }

    /// <summary>
    /// Mentors with a payout method and what each may be paid for the period: the available balance as it stood when the period
    /// ended, but never more than is available now; at least the minimum; none already paid for this period.
    /// </summary>
    private async Task<List<(string MentorId, long AmountMinor)>> EligibleAsync(LocalDate end, CancellationToken cancellationToken)
    {
        var endsAt = periods.EndOf(end);
        var paid = db.Set<Payout>().Where(p => p.PeriodEnd == end).Select(p => p.MentorId);
        var balances = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.Account == LedgerAccount.MentorPayable && e.Currency == PayoutOptions.Currency && e.PartyId != null
                && db.Set<PayoutMethod>().Any(m => m.MentorId == e.PartyId) && !paid.Contains(e.PartyId))
            .Join(db.Set<LedgerTransaction>(), e => e.TransactionId, t => t.Id, (e, t) => new { e.PartyId, e.AmountMinor, Before = t.OccurredAt < endsAt })
            .GroupBy(m => m.PartyId)
            .Select(g => new { MentorId = g.Key!, Now = g.Sum(m => m.AmountMinor), AtEnd = g.Sum(m => m.Before ? m.AmountMinor : 0) })
            .ToListAsync(cancellationToken);
        var minimum = options.Value.MinimumMinor;
        // Payable is a liability: its natural balance is the negated sum.
        return [.. balances.Select(b => (b.MentorId, Math.Min(-b.Now, -b.AtEnd))).Where(b => b.Item2 >= minimum).OrderBy(b => b.MentorId, StringComparer.Ordinal)];
    }

    private async Task<(int Created, long Total)> CreateBatchAsync(LocalDate end, (string MentorId, long AmountMinor)[] batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ids = batch.Select(b => b.MentorId).ToList();
            var taken = (await db.Set<Payout>().Where(p => p.PeriodEnd == end && ids.Contains(p.MentorId)).Select(p => p.MentorId).ToListAsync(cancellationToken)).ToHashSet();
            var methodsOf = await db.Set<PayoutMethod>().AsNoTracking().Where(m => ids.Contains(m.MentorId)).ToDictionaryAsync(m => m.MentorId, cancellationToken);
            var now = clock.GetCurrentInstant();
            var created = batch.Where(b => !taken.Contains(b.MentorId) && methodsOf.ContainsKey(b.MentorId)).Select(b =>
            {
                var method = methodsOf[b.MentorId];
                var payout = new Payout
                {
                    MentorId = b.MentorId, PeriodEnd = end, AmountMinor = b.AmountMinor, Currency = PayoutOptions.Currency, Provider = providers.ActiveName,
                    MethodKind = method.Kind, MethodMasked = method.Masked, CreatedAt = now,
                };
                db.Add(payout);
                PostSent(payout, now);
                return payout;
            }).ToList();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return (created.Count, created.Sum(p => p.AmountMinor));
            }
            catch (DbUpdateException raced) when (DbErrors.IsUniqueViolation(raced) && attempt < 3)
            {
                // A run of the same period on another node created some of these first: leave those out and try again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task SendAsync(IPayoutProvider provider, Payout payout, PayoutMethod? method, User mentor, CancellationToken cancellationToken)
    {
        if (method is null)
        {
            Failed(payout, mentor, text["payouts.no_method_reason"]);
            return;
        }

        var sent = await provider.SendAsync(new PayoutOrder(
            payout.Id, payout.Attempt, payout.Amount, methods.Reveal(method), payout.MentorId, mentor.Name, mentor.Email!,
            method.ProviderContactId, method.ProviderFundAccountId), cancellationToken);
        if (sent.ContactId is { } contact && sent.FundAccountId is { } account && account != method.ProviderFundAccountId)
        {
            method.Registered(contact, account);
        }

        switch (sent.Outcome)
        {
            case PayoutOutcome.Processed:
                Paid(payout, sent.ProviderPayoutId, sent.Reference);
                break;
            case PayoutOutcome.Failed:
                payout.Submitted(sent.ProviderPayoutId, clock.GetCurrentInstant());
                Failed(payout, mentor, sent.FailureReason ?? "failed");
                break;
            default:
                payout.Submitted(sent.ProviderPayoutId, clock.GetCurrentInstant());
                break;
        }
    }

    private void PostSent(Payout payout, Instant at) =>
        ledger.Post(payout.SentReference, LedgerService.PayoutKind, null, at,
            LedgerLine.Debit(LedgerAccount.MentorPayable, payout.Amount, payout.MentorId),
            LedgerLine.Credit(LedgerAccount.PayoutsInFlight, payout.Amount, payout.MentorId));

    private void Paid(Payout payout, string providerPayoutId, string? reference)
    {
        var now = clock.GetCurrentInstant();
        if (payout.MarkPaid(providerPayoutId, reference, now))
        {
            ledger.Post(payout.PaidReference, LedgerService.PayoutPaidKind, null, now,
                LedgerLine.Debit(LedgerAccount.PayoutsInFlight, payout.Amount, payout.MentorId),
                LedgerLine.Credit(LedgerAccount.MentorPaidOut, payout.Amount, payout.MentorId));
        }
    }

    /// <summary>The payout did not arrive (or came back): its money is available again, and the mentor is told why.</summary>
    private void Failed(Payout payout, User mentor, string reason)
    {
        var now = clock.GetCurrentInstant();
        if (!payout.MarkFailed(reason, now, out var wasPaid))
        {
            return;
        }

        ledger.Post(payout.ReturnedReference, LedgerService.PayoutReturnedKind, null, now,
            LedgerLine.Debit(wasPaid ? LedgerAccount.MentorPaidOut : LedgerAccount.PayoutsInFlight, payout.Amount, payout.MentorId),
            LedgerLine.Credit(LedgerAccount.MentorPayable, payout.Amount, payout.MentorId));
        mails.PayoutFailed(mentor, payout.Amount, payout.PeriodEnd, payout.FailureReason!);
        LogFailed(logger, payout.Id, payout.Attempt, reason);
    }

    private LocalDate PeriodEnd(string? periodEnd)
    {
        if (string.IsNullOrWhiteSpace(periodEnd))
        {
            return periods.LastEnded;
        }

        var parsed = LocalDatePattern.Iso.Parse(periodEnd.Trim());
        return parsed.Success && parsed.Value.DayOfWeek == IsoDayOfWeek.Sunday && parsed.Value < periods.Today
            ? parsed.Value
            : throw new ValidationException("periodEnd", text["payouts.period_end_invalid"]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout run for the week ending {PeriodEnd}: {Created} payouts, {TotalMinor} paise")]
    private static partial void LogRun(ILogger logger, string periodEnd, int created, long totalMinor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payout {PayoutId} attempt {Attempt} failed: {Reason}; the money is available to the mentor again")]
    private static partial void LogFailed(ILogger logger, Guid payoutId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a {Provider} payout webhook: {Reason}")]
    private static partial void LogBadSignature(ILogger logger, string provider, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored {Provider} payout event {Type} {EventId}: it names no current payout attempt")]
    private static partial void LogUnknownEvent(ILogger logger, string provider, string type, string eventId);
}
