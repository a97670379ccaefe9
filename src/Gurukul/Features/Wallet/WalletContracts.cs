using Gurukul.Features.Mentors;

namespace Gurukul.Features.Wallet;

/// <summary>API.md <c>GET /api/v1/me/wallet</c>: the balance, the latest movements (at most 100, newest first) and what lapses within 30 days.</summary>
public sealed record WalletDto(MoneyDto Balance, IReadOnlyList<WalletEntryDto> Entries, MoneyDto ExpiringSoon);

/// <summary>One movement: <c>kind</c> ∈ starter, referral, refund, spent, expired; <c>expiresAt</c> on credit that came in.</summary>
public sealed record WalletEntryDto(MoneyDto Amount, string Kind, DateTime CreatedAt, DateTime? ExpiresAt);

/// <summary>
/// API.md <c>GET /api/v1/me/referral</c>: the link to share and the credit it has earned; <c>code</c>, <c>joined</c> (signed up
/// through it) and <c>rewarded</c> (reached a first paid session) are additions.
/// </summary>
public sealed record ReferralDto(string Url, MoneyDto RewardsEarned, string Code, int Joined, int Rewarded);
