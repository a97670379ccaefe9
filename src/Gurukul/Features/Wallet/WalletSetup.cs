using Gurukul.Features.Accounts;
using Gurukul.Features.Payments;
using Gurukul.Platform.Jobs;

namespace Gurukul.Features.Wallet;

public static class WalletSetup
{
    /// <summary>Wallet credit (starter, referral, refunds as credit), the referral link, and the hourly expiry job (docs/adr/0031).</summary>
    public static IServiceCollection AddGurukulWallet(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WalletOptions>(configuration.GetSection("Wallet"));
        services.AddScoped<WalletService>();
        services.AddScoped<IWalletCredits, WalletCredits>();
        services.AddScoped<ISignUpListener, WalletSignUps>();
        services.AddScoped<IReleaseListener, ReferralRewards>();
        services.AddRecurringJob<CreditExpiryJob>(CreditExpiryJob.JobKind);
        return services;
    }
}
