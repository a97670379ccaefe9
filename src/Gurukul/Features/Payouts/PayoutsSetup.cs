using Gurukul.Features.Payouts.Providers;
using Gurukul.Platform.Jobs;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Payouts;

public static class PayoutsSetup
{
    /// <summary>Payout methods, the weekly run and its jobs, and the payout provider chosen by <c>Payouts:Provider</c> (docs/adr/0030).</summary>
    public static IServiceCollection AddGurukulPayouts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PayoutOptions>().Bind(configuration.GetSection("Payouts")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PayoutOptions>, PayoutOptionsValidator>();
        services.AddScoped<PayoutMethods>();
        services.AddScoped<PayoutMails>();
        services.AddScoped<PayoutPeriods>();
        services.AddScoped<PayoutsService>();
        services.AddScoped<PayoutProviderRegistry>();
        services.AddSingleton<SandboxPayouts>();
        services.AddHttpClient<RazorpayXClient>();
        services.AddScoped<RazorpayXPayouts>();
        services.AddRecurringJob<WeeklyPayoutJob>(PayoutJobs.Weekly);
        services.AddJobHandler<SendPayoutsJob>();
        return services;
    }
}
