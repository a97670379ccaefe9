namespace Gurukul.Features.Scheduling;

public static class SchedulingSetup
{
    /// <summary>
    /// Availability, the slot engine, the availability index search filters with, and calendar feeds. The booking feature
    /// replaces <see cref="ITakenTimeSource"/> and <see cref="ICalendarEntrySource"/> with its own (docs/adr/0021).
    /// </summary>
    public static IServiceCollection AddGurukulScheduling(this IServiceCollection services)
    {
        services.AddScoped<ITakenTimeSource, NoTakenTime>();
        services.AddScoped<ICalendarEntrySource, NoCalendarEntries>();
        services.AddScoped<SlotService>();
        services.AddScoped<AvailabilityService>();
        services.AddScoped<CalendarFeedService>();
        services.AddScoped<ProfileCalendar>();
        services.AddSingleton<AvailabilityIndex>();
        return services;
    }
}
