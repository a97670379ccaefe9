using Gurukul.Platform.Jobs;
using Gurukul.Platform.Realtime;

namespace Gurukul.Features.Messaging;

public static class MessagingSetup
{
    /// <summary>Conversations, moderation and the messaging parts of the event stream, configured from the <c>Messaging</c> section.</summary>
    public static IServiceCollection AddGurukulMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MessagingOptions>(configuration.GetSection("Messaging"));
        services.AddScoped<MessageViews>();
        services.AddScoped<ConversationService>();
        services.AddScoped<MessageModeration>();
        services.AddScoped<GuardianConversations>();
        services.AddSingleton<TypingThrottle>();
        services.AddScoped<IRealtimeEventRenderer, MessageEventRenderer>();
        services.AddScoped<IPresenceAudience, ConversationContacts>();
        services.AddJobHandler<AwayAlertJob>();
        return services;
    }
}
