using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Scheduling;

/// <summary>A mentor's own availability: read it, replace it, and preview the week students will be offered.</summary>
public sealed class AvailabilityService(GurukulDbContext db, SlotService slots, IClock clock, IStringLocalizer<Strings> text)
{
    public const int PreviewDays = 7;

    public async Task<AvailabilityDto> GetAsync(string userId, CancellationToken cancellationToken) =>
        AvailabilityDto.From(await SettingsAsync(userId, cancellationToken));

    /// <summary>What <see cref="GetAsync"/> answers, as values (the availability page edits these).</summary>
    public async Task<AvailabilitySettings> SettingsAsync(string userId, CancellationToken cancellationToken) =>
        await slots.LoadAsync(await MentorAsync(userId, cancellationToken), cancellationToken);

    /// <summary>Replaces the mentor's availability as a whole; it applies to the very next slot or search request.</summary>
    public async Task<AvailabilityDto> SaveAsync(string userId, AvailabilityRequest request, CancellationToken cancellationToken)
    {
        var settings = AvailabilityValidation.Parse(request, text);
        var mentor = await MentorAsync(userId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // The hours are replaced by deleting the old rows in the database and adding the new ones: the same keys may
            // come back, which EF's change tracker would refuse to delete and insert in one save.
            await db.Set<WeeklyHours>().Where(w => w.MentorId == mentor.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Set<DateOverride>().Where(o => o.MentorId == mentor.Id).ExecuteDeleteAsync(cancellationToken);
            var availability = await db.Set<MentorAvailability>().SingleOrDefaultAsync(a => a.MentorId == mentor.Id, cancellationToken);
            if (availability is null)
            {
                availability = MentorAvailability.ForNewMentor(mentor.Id, settings.TimeZone);
                db.Add(availability);
            }

            availability.Replace(settings, clock.GetCurrentInstant());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save of the same mentor's availability committed first (the keys collided).
            throw new ConflictException(text["scheduling.saved_meanwhile"]);
        }

        return AvailabilityDto.From(settings);
    }

    /// <summary>The next seven days in the mentor's zone, with the slots of their first session length students may book now.</summary>
    public async Task<MentorSlots> PreviewAsync(string userId, CancellationToken cancellationToken)
    {
        var mentor = await MentorAsync(userId, cancellationToken);
        var availability = await slots.LoadAsync(mentor, cancellationToken);
        var zone = availability.Rules().Zone;
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        return await slots.DaysAsync(mentor.Id, availability, availability.Durations[0], zone, today, today.PlusDays(PreviewDays - 1), cancellationToken);
    }

    private async Task<ScheduleMentor> MentorAsync(string userId, CancellationToken cancellationToken) =>
        await db.MentorProfiles.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new ScheduleMentor(m.Id, m.Slug, m.TimeZone)).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException(text["scheduling.no_profile"]);
}
