using System.Net;
using Gurukul.Features.Ledger;
using Gurukul.Features.Payments;
using Gurukul.Features.Payments.Invoices;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;
using static Gurukul.Tests.Features.Payments.TestPurchases;

namespace Gurukul.Tests.Features.Payments;

/// <summary>The ledger's own guards: append-only in the database, balanced by construction and (on PostgreSQL) at commit.</summary>
public sealed class LedgerGuardTests(SandboxPaymentsFixture fixture) : IClassFixture<SandboxPaymentsFixture>
{
    [Theory, AllProviders]
    public async Task TheDatabase_RefusesToChangeOrDeleteLedgerRows(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor);
        await (await PlaySandboxAsync(client, student, checkout.Id, "succeeded")).JsonAsync(HttpStatusCode.OK);
        var purchaseId = (await PaymentAsync(app, checkout.Id)).PurchaseId;

        foreach (var statement in new[]
        {
            "UPDATE ledger_entries SET amount_minor = amount_minor + 1 WHERE purchase_id = {0}",
            "DELETE FROM ledger_entries WHERE purchase_id = {0}",
            "UPDATE ledger_transactions SET kind = 'other' WHERE purchase_id = {0}",
            "DELETE FROM ledger_transactions WHERE purchase_id = {0}",
        })
        {
            var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
                WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Database.ExecuteSqlRawAsync(statement, purchaseId)));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(Price, await WithAsync(app, s => s.GetRequiredService<LedgerService>().BalanceAsync(LedgerAccount.Escrow, mentor.Id, "INR", CancellationToken.None)));
    }

    [Theory, AllProviders]
    public async Task AnUnbalancedTransaction_IsRefusedAtCommitOnPostgres_AndReportedByTheCheckOnSqlite(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var transactionId = Guid.NewGuid();
        var write = WithAsync(app, async s =>
        {
            var db = s.GetRequiredService<GurukulDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"INSERT INTO ledger_transactions (id, reference, kind, occurred_at) VALUES ({transactionId}, {"forged:" + transactionId}, 'forged', {DateTime.UtcNow})");
            await db.Database.ExecuteSqlAsync($"INSERT INTO ledger_entries (id, transaction_id, account, amount_minor, currency) VALUES ({Guid.NewGuid()}, {transactionId}, 'platform_revenue', -100, 'INR')");
            await transaction.CommitAsync();
            return true;
        });

        if (provider == DatabaseProvider.Postgres)
        {
            var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => write);
            Assert.Contains("does not balance", refused.Message, StringComparison.Ordinal);
            Assert.True((await WithAsync(app, s => s.GetRequiredService<LedgerService>().CheckAsync(CancellationToken.None))).Balanced);
        }
        else
        {
            await write;
            var check = await WithAsync(app, s => s.GetRequiredService<LedgerService>().CheckAsync(CancellationToken.None));
            Assert.False(check.Balanced);
            Assert.Contains(transactionId, check.UnbalancedTransactions);
        }
    }

    [Fact]
    public void ATransaction_ThatDoesNotSumToZero_CannotBeBuilt()
    {
        var at = SystemClock.Instance.GetCurrentInstant();
        Assert.Throws<InvalidOperationException>(() => LedgerTransaction.Balanced("r", "k", null, at,
            LedgerLine.Debit(LedgerAccount.PaymentsClearing, new Money(100, "INR")), LedgerLine.Credit(LedgerAccount.Escrow, new Money(99, "INR"))));
        Assert.Throws<InvalidOperationException>(() => LedgerTransaction.Balanced("r", "k", null, at,
            LedgerLine.Debit(LedgerAccount.PaymentsClearing, new Money(100, "INR")), LedgerLine.Credit(LedgerAccount.Escrow, new Money(100, "USD"))));
        Assert.Equal(2, LedgerTransaction.Balanced("r", "k", null, at,
            LedgerLine.Debit(LedgerAccount.PaymentsClearing, new Money(100, "INR")), LedgerLine.Credit(LedgerAccount.Escrow, new Money(100, "INR")),
            LedgerLine.Debit(LedgerAccount.ProviderFees, new Money(0, "INR"))).Entries.Count);
    }

    [Theory]
    [InlineData(100000, 70000, 30000)]
    [InlineData(100001, 70001, 30000)]
    [InlineData(5, 4, 1)]
    [InlineData(1, 1, 0)]
    [InlineData(0, 0, 0)]
    public void Release_GivesTheMentor70PercentRoundedToTheNearestMinorUnit_HalvesUp(long held, long mentor, long platform)
    {
        Assert.Equal((mentor, platform), (Payment.Proportion(held, 70, 100), held - Payment.Proportion(held, 70, 100)));
    }

    [Theory]
    [InlineData(118000, true, 100000, 9000, 9000, 0)]
    [InlineData(118000, false, 100000, 0, 0, 18000)]
    [InlineData(80000, true, 67797, 6101, 6102, 0)]
    public void Gst_InsideATaxInclusivePrice_SplitsIntoTaxableValueAndTaxes(long total, bool sameState, long taxable, long cgst, long sgst, long igst)
    {
        var gst = GstBreakdown.For(total, 18m, sameState);
        Assert.Equal((taxable, cgst, sgst, igst), (gst.TaxableMinor, gst.CgstMinor, gst.SgstMinor, gst.IgstMinor));
        Assert.Equal(total, gst.TaxableMinor + gst.CgstMinor + gst.SgstMinor + gst.IgstMinor);
    }

    [Theory]
    [InlineData("2027-03-31T18:29:59Z", "2026-27")]
    [InlineData("2027-03-31T18:30:00Z", "2027-28")]
    [InlineData("2026-12-07T10:00:00Z", "2026-27")]
    public async Task FinancialYears_RunFromAprilToMarch_InIndia(string instant, string year)
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        Assert.Equal(year, await WithAsync(app, s => Task.FromResult(s.GetRequiredService<InvoiceNumbers>()
            .FinancialYear(NodaTime.Text.InstantPattern.General.Parse(instant).Value))));
    }
}
