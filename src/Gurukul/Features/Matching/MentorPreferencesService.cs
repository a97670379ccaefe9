using System.Globalization;
using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Matching;

/// <summary>
/// A student's favourite and hidden mentors (API.md <c>POST /api/v1/me/mentor-preferences/{mentorId}</c>). Only public mentors
/// can be favourited or hidden; taking either back always works, so a student is never stuck with a choice about a mentor
/// who has since left. Whatever hides or unhides a mentor marks the student's stored recommendations stale at once.
/// </summary>
public sealed class MentorPreferencesService(
    GurukulDbContext db, PublicMentorProfiles profiles, RecommendationInvalidation recommendations, PreferenceCursors cursors,
    IClock clock, IStringLocalizer<Strings> text)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>
    /// Applies <paramref name="action"/> (favorite, unfavorite, hide, unhide). 400 naming <c>action</c> for anything else; 404
    /// for a mentor id that is unknown or malformed, and for favouriting or hiding a mentor who is not public. Repeating an
    /// action changes nothing. Two identical requests racing both succeed with one row.
    /// </summary>
    public async Task SetAsync(string studentUserId, string mentorId, string? action, CancellationToken cancellationToken)
    {
        if (!MentorPreferenceNames.TryParseAction(action, out var parsed))
        {
            throw new ValidationException("action", text["preferences.validation.action", string.Join(", ", MentorPreferenceNames.AllActions)]);
        }

        var id = Guid.TryParse(mentorId, out var guid) ? guid : throw NotFound();
        var adds = parsed is MentorPreferenceAction.Favorite or MentorPreferenceAction.Hide;
        if (!await db.MentorProfiles.Where(MentorProfile.PublicFilter).AnyAsync(m => m.Id == id, cancellationToken)
            && (adds || !await db.MentorProfiles.AnyAsync(m => m.Id == id, cancellationToken)))
        {
            throw NotFound();
        }

        // One retry: the first attempt can lose a race to an identical request (its insert, or its delete, came first).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Favouriting a hidden mentor unhides them too: whatever changed the hidden flag changes the recommendations.
                if (await ApplyAsync(studentUserId, id, parsed, cancellationToken))
                {
                    await recommendations.MarkStaleAsync(studentUserId, cancellationToken);
                }

                return;
            }
            catch (DbUpdateException exception) when (attempt == 1 && (exception is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(exception)))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// The student's favourite (or hidden) mentors who are public, most recently chosen first, as cards. 400 naming
    /// <c>kind</c>, <c>limit</c> or <c>cursor</c> for a bad value.
    /// </summary>
    public async Task<MentorPreferencePage> ListAsync(
        string studentUserId, string? kind, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var list = kind?.Trim().ToLowerInvariant() switch
        {
            null or "" or "favorite" => MentorPreferenceKind.Favorite,
            "hidden" => MentorPreferenceKind.Hidden,
            _ => Invalid(errors, "kind", text["preferences.validation.kind"], MentorPreferenceKind.Favorite),
        };
        var take = DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit)
            && !(int.TryParse(limit.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out take) && take is >= 1 and <= MaxLimit))
        {
            errors.Add("limit", text["validation.limit", MaxLimit]);
        }

        errors.ThrowIfAny();
        var after = string.IsNullOrWhiteSpace(cursor) ? null : cursors.Read(cursor.Trim(), list);
        return await ListAsync(studentUserId, list, take, after, cancellationToken);
    }

    /// <summary>Which of <paramref name="mentorIds"/> the student favourited or hid: one small query, none for no ids.</summary>
    public async Task<MentorPreferenceStates> StatesAsync(string studentUserId, IReadOnlyCollection<Guid> mentorIds, CancellationToken cancellationToken)
    {
        if (mentorIds.Count == 0)
        {
            return MentorPreferenceStates.None;
        }

        var ids = mentorIds.Distinct().ToList();
        var rows = await db.Set<MentorPreference>().AsNoTracking()
            .Where(p => p.StudentUserId == studentUserId && ids.Contains(p.MentorId))
            .Select(p => new { p.MentorId, p.IsFavorite, p.IsHidden })
            .ToListAsync(cancellationToken);
        return new MentorPreferenceStates(
            rows.Where(r => r.IsFavorite).Select(r => r.MentorId).ToHashSet(), rows.Where(r => r.IsHidden).Select(r => r.MentorId).ToHashSet());
    }

    /// <summary>
    /// Saves the action and says whether it hid or unhid the mentor. An action that changes nothing writes nothing, not even
    /// the time.
    /// </summary>
    private async Task<bool> ApplyAsync(string studentUserId, Guid mentorId, MentorPreferenceAction action, CancellationToken cancellationToken)
    {
        var preferences = db.Set<MentorPreference>();
        var row = await preferences.SingleOrDefaultAsync(p => p.StudentUserId == studentUserId && p.MentorId == mentorId, cancellationToken);
        var before = (Favorite: row?.IsFavorite ?? false, Hidden: row?.IsHidden ?? false);
        row ??= new MentorPreference { StudentUserId = studentUserId, MentorId = mentorId };
        row.Apply(action, clock.GetCurrentInstant());
        if ((row.IsFavorite, row.IsHidden) == before)
        {
            // Forgotten rather than saved: a repeated click must not move the mentor to the top of the list.
            db.Entry(row).State = EntityState.Detached;
            return false;
        }

        if (row.IsEmpty)
        {
            preferences.Remove(row);
        }
        else if (db.Entry(row).State == EntityState.Detached)
        {
            preferences.Add(row);
        }

        await db.SaveChangesAsync(cancellationToken);
        return row.IsHidden != before.Hidden;
    }

    private async Task<MentorPreferencePage> ListAsync(
        string studentUserId, MentorPreferenceKind kind, int take, PreferenceCursor? after, CancellationToken cancellationToken)
    {
        var mine = db.Set<MentorPreference>().AsNoTracking().Where(p => p.StudentUserId == studentUserId);
        var rows = (kind == MentorPreferenceKind.Favorite ? mine.Where(p => p.IsFavorite) : mine.Where(p => p.IsHidden))
            .Join(db.MentorProfiles.Where(MentorProfile.PublicFilter), p => p.MentorId, m => m.Id, (p, m) => new { p.UpdatedAt, p.MentorId });
        if (after is not null)
        {
            // Guid.CompareTo translates to the database's own ordering of the column, the one ORDER BY uses.
            rows = rows.Where(r => r.UpdatedAt < after.At || (r.UpdatedAt == after.At && r.MentorId.CompareTo(after.MentorId) < 0));
        }

        var page = await rows.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.MentorId).Take(take + 1).ToListAsync(cancellationToken);
        var shown = page.Take(take).ToList();
        var cards = await profiles.CardsAsync([.. shown.Select(r => r.MentorId)], cancellationToken);
        return new MentorPreferencePage(cards, page.Count > take ? cursors.Write(kind, new PreferenceCursor(shown[^1].UpdatedAt, shown[^1].MentorId)) : null);
    }

    private NotFoundException NotFound() => new(text["preferences.mentor_not_found"]);

    private static T Invalid<T>(FieldErrors errors, string field, string message, T fallback)
    {
        errors.Add(field, message);
        return fallback;
    }
}

/// <summary>Where a page of a preference list ends: the last row's time and mentor.</summary>
public sealed record PreferenceCursor(Instant At, Guid MentorId);
