using Gurukul.Platform.Jobs;
using Microsoft.AspNetCore.Authorization;

namespace Gurukul.Platform.Mail;

public static class MailSetup
{
    /// <summary>The mail outbox, its delivery job and the dev mailbox's access policy, configured from the <c>Mail</c> section.</summary>
    public static IServiceCollection AddGurukulMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection("Mail"));
        services.AddScoped<MailOutbox>();
        services.AddJobHandler<MailDeliveryJob>();
        services.AddSingleton<IAuthorizationHandler, DevMailboxAuthorizationHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(DevMailboxRequirement.Policy, policy => policy.AddRequirements(new DevMailboxRequirement()));
        return services;
    }
}
