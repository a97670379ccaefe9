using Gurukul.Features.Notifications.Reminders;
using Gurukul.Platform.Jobs;
using Gurukul.Platform.Realtime;
using Gurukul.Platform.Web;

namespace Gurukul.Features.Notifications;

public static class NotificationsSetup
{
    /// <summary>The notification centre, the <see cref="Notifier"/> every feature tells people through, and session reminders.</summary>
    public static IServiceCollection AddGurukulNotifications(this IServiceCollection services)
    {
        services.AddSingleton<AbsoluteUrls>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddScoped<Notifier>();
        services.AddScoped<NotificationCentre>();
        services.AddScoped<IRealtimeEventRenderer, NotificationEventRenderer>();
        services.AddScoped<SessionReminders>();
        services.AddJobHandler<SessionReminderJob>();
        return services;
    }
}
