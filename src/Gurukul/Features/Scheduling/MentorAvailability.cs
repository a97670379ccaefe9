using Gurukul.Features.Mentors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Scheduling;

/// <summary>
/// A mentor's availability as they set it: weekly hours and date overrides in their own wall-clock time and zone, and the
/// rules around bookings. One row per mentor; a mentor who never set it has none (<see cref="ForNewMentor"/> says what
/// they start with). Every change to these rows moves the availability clock (migration 0012), whoever writes them.
/// </summary>
public sealed class MentorAvailability
{
    public const int DefaultDuration = 60;
    public const int DefaultMinNoticeMinutes = 240;
    public const int DefaultHorizonDays = 60;

    public Guid MentorId { get; init; }
    public required string TimeZone { get; set; }

    /// <summary>Offered session lengths in minutes, in the mentor's order (the first is the default one).</summary>
    public List<int> Durations { get; set; } = [];
    public int BufferMinutes { get; set; }
    public int MinNoticeMinutes { get; set; }
    public int? MaxSessionsPerDay { get; set; }
    public int HorizonDays { get; set; }
    public List<WeeklyHours> Weekly { get; init; } = [];
    public List<DateOverride> Overrides { get; init; } = [];
    public Instant UpdatedAt { get; set; }

    /// <summary>What a mentor who has not set their availability has: no hours yet, in their profile's zone.</summary>
    public static MentorAvailability ForNewMentor(Guid mentorId, string timeZone) => new()
    {
        MentorId = mentorId, TimeZone = timeZone, Durations = [DefaultDuration], MinNoticeMinutes = DefaultMinNoticeMinutes,
        HorizonDays = DefaultHorizonDays,
    };

    /// <summary>Replaces everything with <paramref name="settings"/> (already validated).</summary>
    public void Replace(AvailabilitySettings settings, Instant at)
    {
        TimeZone = settings.TimeZone;
        Durations = [.. settings.Durations];
        BufferMinutes = settings.BufferMinutes;
        MinNoticeMinutes = settings.MinNoticeMinutes;
        MaxSessionsPerDay = settings.MaxSessionsPerDay;
        HorizonDays = settings.HorizonDays;
        Weekly.Clear();
        Weekly.AddRange(settings.Weekly.Select(w => new WeeklyHours
        {
            MentorId = MentorId, Day = w.Day, StartMinute = w.Hours.StartMinute, EndMinute = w.Hours.EndMinute,
        }));
        Overrides.Clear();
        Overrides.AddRange(settings.Overrides.Select(o => new DateOverride
        {
            MentorId = MentorId, Date = o.Date,
            Hours = [.. o.Hours.Select(h => new OverrideHours { MentorId = MentorId, Date = o.Date, StartMinute = h.StartMinute, EndMinute = h.EndMinute })],
        }));
        UpdatedAt = at;
    }

    public AvailabilitySettings Settings => new(
        TimeZone,
        [.. Weekly.OrderBy(w => w.Day).ThenBy(w => w.StartMinute).Select(w => (w.Day, new DayInterval(w.StartMinute, w.EndMinute)))],
        [.. Overrides.OrderBy(o => o.Date).Select(o => (o.Date, (IReadOnlyList<DayInterval>)[.. o.Hours.OrderBy(h => h.StartMinute).Select(h => new DayInterval(h.StartMinute, h.EndMinute))]))],
        Durations, BufferMinutes, MinNoticeMinutes, MaxSessionsPerDay, HorizonDays);

    /// <summary>The rules the slot engine reads. The zone was checked when saved; tzdb only ever adds zones.</summary>
    public AvailabilityRules Rules() => Settings.Rules();
}

/// <summary>Availability as values, validated: what a save writes and what the engine is built from.</summary>
public sealed record AvailabilitySettings(
    string TimeZone, IReadOnlyList<(IsoDayOfWeek Day, DayInterval Hours)> Weekly,
    IReadOnlyList<(LocalDate Date, IReadOnlyList<DayInterval> Hours)> Overrides,
    IReadOnlyList<int> Durations, int BufferMinutes, int MinNoticeMinutes, int? MaxSessionsPerDay, int HorizonDays)
{
    public AvailabilityRules Rules() => new(
        DateTimeZoneProviders.Tzdb[TimeZone], Weekly, Overrides.ToDictionary(o => o.Date, o => o.Hours), Durations, BufferMinutes,
        MinNoticeMinutes, MaxSessionsPerDay, HorizonDays);
}

/// <summary>One interval of a weekday's hours, in the mentor's wall-clock time.</summary>
public sealed class WeeklyHours
{
    public Guid MentorId { get; init; }
    public IsoDayOfWeek Day { get; init; }
    public int StartMinute { get; init; }
    public int EndMinute { get; init; }
}

/// <summary>A local date whose hours replace the weekday's; no hours is a day off.</summary>
public sealed class DateOverride
{
    public Guid MentorId { get; init; }
    public LocalDate Date { get; init; }
    public List<OverrideHours> Hours { get; init; } = [];
}

public sealed class OverrideHours
{
    public Guid MentorId { get; init; }
    public LocalDate Date { get; init; }
    public int StartMinute { get; init; }
    public int EndMinute { get; init; }
}

internal sealed class MentorAvailabilityConfiguration : IEntityTypeConfiguration<MentorAvailability>
{
    public void Configure(EntityTypeBuilder<MentorAvailability> builder)
    {
        builder.ToTable("mentor_availability");
        builder.HasKey(a => a.MentorId);
        builder.HasOne<MentorProfile>().WithOne().HasForeignKey<MentorAvailability>(a => a.MentorId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.TimeZone).HasMaxLength(64);
        builder.HasMany(a => a.Weekly).WithOne().HasForeignKey(w => w.MentorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Overrides).WithOne().HasForeignKey(o => o.MentorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WeeklyHoursConfiguration : IEntityTypeConfiguration<WeeklyHours>
{
    public void Configure(EntityTypeBuilder<WeeklyHours> builder)
    {
        builder.ToTable("mentor_weekly_hours");
        builder.HasKey(w => new { w.MentorId, w.Day, w.StartMinute });
        builder.Property(w => w.Day).HasConversion<int>();
    }
}

internal sealed class DateOverrideConfiguration : IEntityTypeConfiguration<DateOverride>
{
    public void Configure(EntityTypeBuilder<DateOverride> builder)
    {
        builder.ToTable("mentor_date_overrides");
        builder.HasKey(o => new { o.MentorId, o.Date });
        builder.HasMany(o => o.Hours).WithOne().HasForeignKey(h => new { h.MentorId, h.Date }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OverrideHoursConfiguration : IEntityTypeConfiguration<OverrideHours>
{
    public void Configure(EntityTypeBuilder<OverrideHours> builder)
    {
        builder.ToTable("mentor_override_hours");
        builder.HasKey(h => new { h.MentorId, h.Date, h.StartMinute });
    }
}
