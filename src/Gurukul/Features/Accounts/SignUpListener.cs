using NodaTime;

namespace Gurukul.Features.Accounts;

/// <summary>A new account, as told to the features that start something for it (the wallet's starter credit and referrals).</summary>
public sealed record SignedUp(User User, string Role, string? ReferralCode, Instant At);

/// <summary>
/// Hears about every sign-up inside its transaction, before it is saved: whatever a listener adds to the unit of work commits
/// with the account or not at all.
/// </summary>
public interface ISignUpListener
{
    Task OnSignedUpAsync(SignedUp signedUp, CancellationToken cancellationToken);
}
