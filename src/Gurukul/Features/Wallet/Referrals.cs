using Gurukul.Features.Accounts;
using Gurukul.Features.Payments;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Wallet;

/// <summary>
/// What a sign-up starts in the wallet: a new student's starter credit, and the referral when they came by someone's link (an
/// unknown code, or their own, is ignored).
/// </summary>
public sealed class WalletSignUps(GurukulDbContext db, WalletService wallet, IOptions<WalletOptions> options) : ISignUpListener
{
    public async Task OnSignedUpAsync(SignedUp signedUp, CancellationToken cancellationToken)
    {
        if (signedUp.Role == Roles.Student)
        {
            wallet.Grant(signedUp.User.Id, CreditSource.Starter, options.Value.StarterCreditMinor, $"credit-grant:starter:{signedUp.User.Id}", signedUp.At);
        }

        if (!string.IsNullOrWhiteSpace(signedUp.ReferralCode) && await wallet.ReferrerOfAsync(signedUp.ReferralCode, cancellationToken) is { } referrer
            && referrer != signedUp.User.Id)
        {
            db.Set<Referral>().Add(new Referral { ReferredId = signedUp.User.Id, ReferrerId = referrer, CreatedAt = signedUp.At });
        }
    }
}

/// <summary>
/// Pays a referral when the referred student's first paid session is released to the mentor (it took place and the dispute
/// window passed), in the same transaction (docs/adr/0031). Fraud limits: the session must have been paid with money, not only
/// credit; the referrer may not be the mentor of that session; the referred email must be confirmed, may not be the referrer's
/// own inbox under another spelling, and may earn a reward only once ever (a unique key in the database).
/// </summary>
public sealed class ReferralRewards(GurukulDbContext db, WalletService wallet, IOptions<WalletOptions> options) : IReleaseListener
{
    public async Task OnReleasedAsync(PurchaseReleased released, CancellationToken cancellationToken)
    {
        var referral = await db.Set<Referral>().SingleOrDefaultAsync(r => r.ReferredId == released.PayerUserId && r.Status == ReferralStatus.Pending, cancellationToken);
        if (referral is null || released.CashKept.AmountMinor <= 0)
        {
            return;
        }

        var people = await db.Users.Where(u => u.Id == referral.ReferredId || u.Id == referral.ReferrerId)
            .Select(u => new { u.Id, u.Email, u.EmailConfirmed }).ToListAsync(cancellationToken);
        var referred = people.Single(p => p.Id == referral.ReferredId);
        var referrer = people.SingleOrDefault(p => p.Id == referral.ReferrerId);
        if (!referred.EmailConfirmed)
        {
            // Not yet: a later session after the email is confirmed still counts as the first paid one for the reward.
            return;
        }

        var key = WalletService.RewardKey(referred.Email!);
        var refusal = referrer is null ? "referrer gone"
            : referral.ReferrerId == released.PayeeUserId ? "referrer was the session's mentor"
            : WalletService.CanonicalEmail(referrer.Email!) == WalletService.CanonicalEmail(referred.Email!) ? "same inbox as the referrer"
            : await db.Set<Referral>().AnyAsync(r => r.RewardKey == key, cancellationToken) ? "email already rewarded"
            : null;
        if (refusal is not null)
        {
            referral.Refuse(refusal, released.At);
            return;
        }

        referral.Reward(key, released.At);
        var reward = options.Value.ReferralRewardMinor;
        wallet.Grant(referral.ReferrerId, CreditSource.Referral, reward, $"credit-grant:referral:{referral.ReferredId}:referrer", released.At);
        wallet.Grant(referral.ReferredId, CreditSource.Referral, reward, $"credit-grant:referral:{referral.ReferredId}:referred", released.At);
    }
}
