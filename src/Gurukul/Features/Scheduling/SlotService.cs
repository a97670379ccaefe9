using System.ComponentModel;
using System.Globalization;
using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Scheduling;

/// <summary>The query of <c>GET /api/v1/mentors/{idOrSlug}/slots</c> as sent, so that each bad value is a 400 naming it.</summary>
public sealed record SlotsRequest
{
    [Description("First date (YYYY-MM-DD) in timezone; today there by default.")]
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    [Description("Last date, inclusive; at most 42 days after from (from + 30 days by default).")]
    [FromQuery(Name = "to")]
    public string? To { get; init; }

    [Description("Session length in minutes; one the mentor offers (their first by default).")]
    [FromQuery(Name = "duration")]
    public string? Duration { get; init; }

    [Description("IANA time zone the dates are in and the days are grouped by (the mentor's by default).")]
    [FromQuery(Name = "timezone")]
    public string? Timezone { get; init; }
}

/// <summary>A public mentor as the slot engine needs them.</summary>
public sealed record ScheduleMentor(Guid Id, string Slug, string ProfileTimeZone);

/// <summary>One date's offered slots, in the zone they were asked in.</summary>
public sealed record SlotDay(LocalDate Date, IReadOnlyList<Slot> Slots);

/// <summary>The offered slots of one length, over a range of dates in <see cref="Zone"/>.</summary>
public sealed record MentorSlots(Guid MentorId, int Duration, DateTimeZone Zone, LocalDate From, LocalDate To, IReadOnlyList<SlotDay> Days, AvailabilityRules Rules);

/// <summary>
/// Bookable slots of public mentors (API.md "Availability and slots"): the mentor's rules from the database, their taken
/// time from <see cref="ITakenTimeSource"/>, the engine (<see cref="SlotFinder"/>) in between.
/// </summary>
public sealed class SlotService(
    GurukulDbContext db, PublicMentorProfiles profiles, ITakenTimeSource takenTime, IClock clock, IStringLocalizer<Strings> text)
{
    /// <summary>How far apart <c>from</c> and <c>to</c> may be: six calendar weeks.</summary>
    public const int MaxDaysApart = 42;
    public const int DefaultDaysApart = 30;

    /// <summary>A public mentor by id or slug; null when there is none, and only the current slug when the address was retired.</summary>
    public Task<(ScheduleMentor? Found, string CanonicalSlug, bool ById)?> FindMentorAsync(string idOrSlug, CancellationToken cancellationToken) =>
        profiles.FindAsync(idOrSlug, mentors => mentors.Select(m => new ScheduleMentor(m.Id, m.Slug, m.TimeZone)), m => m.Slug, cancellationToken);

    /// <summary>The slots the API answers with: the query checked (all bad values at once), then the engine.</summary>
    public async Task<MentorSlots> SlotsAsync(ScheduleMentor mentor, SlotsRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var zone = request.Timezone is null ? null : new FieldRules(errors, text).TimeZone("timezone", request.Timezone);
        var from = Date(request.From, "from", errors);
        var to = Date(request.To, "to", errors);
        int? duration = null;
        if (request.Duration is not null)
        {
            duration = int.TryParse(request.Duration.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ? minutes : -1;
        }

        errors.ThrowIfAny();
        var availability = await LoadAsync(mentor, cancellationToken);
        var viewerZone = zone is null ? availability.Rules().Zone : DateTimeZoneProviders.Tzdb[zone];
        var first = from ?? clock.GetCurrentInstant().InZone(viewerZone).Date;
        var last = to ?? first.PlusDays(DefaultDaysApart);
        if (last < first)
        {
            errors.Add("to", text["scheduling.validation.to_before_from"]);
        }
        else if (Period.Between(first, last, PeriodUnits.Days).Days > MaxDaysApart)
        {
            errors.Add("to", text["scheduling.validation.range_too_long", MaxDaysApart]);
        }

        if (duration is not null && !availability.Durations.Contains(duration.Value))
        {
            errors.Add("duration", text["scheduling.validation.duration_not_offered", string.Join(", ", availability.Durations)]);
        }

        errors.ThrowIfAny();
        return await DaysAsync(mentor.Id, availability, duration ?? availability.Durations[0], viewerZone, first, last, cancellationToken);
    }

    /// <summary>The mentor's availability, or what they start with when they never set it.</summary>
    public async Task<AvailabilitySettings> LoadAsync(ScheduleMentor mentor, CancellationToken cancellationToken) =>
        (await db.Set<MentorAvailability>().AsNoTracking().AsSplitQuery()
            .Include(a => a.Weekly)
            .Include(a => a.Overrides).ThenInclude(o => o.Hours)
            .SingleOrDefaultAsync(a => a.MentorId == mentor.Id, cancellationToken)
        ?? MentorAvailability.ForNewMentor(mentor.Id, mentor.ProfileTimeZone)).Settings;

    /// <summary>Slots of <paramref name="duration"/> on the dates <paramref name="from"/>–<paramref name="to"/> in <paramref name="zone"/>, as a student may book them now.</summary>
    public async Task<MentorSlots> DaysAsync(
        Guid mentorId, AvailabilitySettings availability, int duration, DateTimeZone zone, LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        var rules = availability.Rules();
        var (earliest, endBefore) = rules.BookableWindow(
            clock.GetCurrentInstant(), from.AtStartOfDayInZone(zone).ToInstant(), to.PlusDays(1).AtStartOfDayInZone(zone).ToInstant());
        var days = new List<SlotDay>();
        if (earliest < endBefore)
        {
            // Two days either side: every session on the same local dates counts toward the cap, and buffers reach past the edges.
            var taken = await takenTime.TakenAsync(mentorId, new Interval(earliest - Duration.FromDays(2), endBefore + Duration.FromDays(2)), cancellationToken);
            days.AddRange(SlotFinder.Slots(rules, duration, earliest, endBefore, taken)
                .GroupBy(s => s.Start.InZone(zone).Date)
                .Select(g => new SlotDay(g.Key, [.. g])));
        }

        return new MentorSlots(mentorId, duration, zone, from, to, days, rules);
    }

    private LocalDate? Date(string? value, string field, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (LocalDatePattern.Iso.Parse(value.Trim()) is { Success: true } date)
        {
            return date.Value;
        }

        errors.Add(field, text["scheduling.validation.date"]);
        return null;
    }
}
