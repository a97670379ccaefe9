namespace Gurukul.Features.Ledger;

/// <summary>
/// The chart of accounts (docs/adr/0024-idempotency-and-ledger.md). An entry's amount is signed: a debit is positive, a
/// credit negative, so every transaction sums to zero per currency. Accounts that hold money for someone carry a party
/// (the mentor, the student) on their entries, which makes each a sub-ledger per person.
/// </summary>
public enum LedgerAccount
{
    /// <summary>Money the payment provider collected from students for us (asset, debit-normal).</summary>
    PaymentsClearing,

    /// <summary>What providers charged for collecting it (expense, debit-normal).</summary>
    ProviderFees,

    /// <summary>Paid for a session and held until it is completed and the dispute window has passed (liability; party: mentor).</summary>
    Escrow,

    /// <summary>The mentor's released share, available for the next payout (liability; party: mentor).</summary>
    MentorPayable,

    /// <summary>Sent to a mentor's bank or UPI, not yet confirmed (liability; party: mentor). Used by payouts.</summary>
    PayoutsInFlight,

    /// <summary>Paid out to mentors, for good (contra-asset, credit-normal; party: mentor). Used by payouts.</summary>
    MentorPaidOut,

    /// <summary>The platform's released share (revenue, credit-normal).</summary>
    PlatformRevenue,

    /// <summary>Given back to students through the provider (contra-asset, credit-normal; party: student).</summary>
    Refunds,

    /// <summary>Wallet credit students may spend on sessions (liability; party: student). Used by the wallet.</summary>
    CreditsLiability,

    /// <summary>Wallet credit that lapsed unspent (revenue, credit-normal). Used by the wallet.</summary>
    ExpiredCredits,

    /// <summary>
    /// Wallet credit set aside for a checkout that is not paid yet (liability; party: student): spent into escrow when the
    /// rest is captured, back to <see cref="CreditsLiability"/> when the checkout closes unpaid (docs/adr/0031).
    /// </summary>
    CreditsReserved,

    /// <summary>What the platform gave away as wallet credit: starter and referral credit (expense, debit-normal; docs/adr/0031).</summary>
    CreditsGranted,
}

public static class LedgerAccounts
{
    /// <summary>Whether an account's balance normally sits on the debit side (assets, expenses); all others are credit-normal.</summary>
    public static bool IsDebitNormal(this LedgerAccount account) => account is LedgerAccount.PaymentsClearing or LedgerAccount.ProviderFees or LedgerAccount.CreditsGranted;

    /// <summary>The balance as people read it: positive on the account's normal side.</summary>
    public static long Natural(this LedgerAccount account, long signedSum) => account.IsDebitNormal() ? signedSum : -signedSum;
}
