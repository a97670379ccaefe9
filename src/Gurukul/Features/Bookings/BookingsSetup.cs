using Gurukul.Features.Payments;
using Gurukul.Features.Scheduling;
using Gurukul.Platform.Jobs;
using Gurukul.Platform.Web;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gurukul.Features.Bookings;

public static class BookingsSetup
{
    /// <summary>
    /// Bookings: the state machine's use cases, the seam to Payments (<see cref="BookingPurchases"/>), and the seams to
    /// scheduling — bookings as taken time for the slot engine and as entries of calendar feeds (docs/adr/0021). After
    /// <c>AddGurukulScheduling</c>, whose placeholders these replace.
    /// </summary>
    public static IServiceCollection AddGurukulBookings(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BookingOptions>(configuration.GetSection("Bookings"));
        services.AddSingleton<BookingRateLimiter>();
        services.TryAddScoped<SignedCursors>();
        services.AddScoped<BookingRules>();
        services.AddScoped<BookingAccess>();
        services.AddScoped<BookingViews>();
        services.AddScoped<BookingWrites>();
        services.AddScoped<BookingSlots>();
        services.AddScoped<BookingMails>();
        services.AddScoped<BookingPageTimes>();
        services.AddScoped<BookingService>();
        services.AddScoped<BookingChanges>();
        services.AddScoped<SessionOutcomes>();
        services.AddScoped<BookingTakenTime>();
        services.Replace(ServiceDescriptor.Scoped<ITakenTimeSource>(provider => provider.GetRequiredService<BookingTakenTime>()));
        services.AddScoped<BookingCalendar>();
        services.Replace(ServiceDescriptor.Scoped<ICalendarEntrySource>(provider => provider.GetRequiredService<BookingCalendar>()));
        services.AddScoped<IPurchaseListener, BookingPurchases>();
        services.AddJobHandler<ExpireHoldJob>();
        return services;
    }
}
