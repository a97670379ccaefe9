using Gurukul.Features.Discovery;
using Gurukul.Features.Mentors;
using Gurukul.Features.Profiles;
using Gurukul.Features.Reference;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Gurukul.Features.Matching;

/// <summary>One recommended mentor as the student sees it: the card, the score, its components and the reasons in their language.</summary>
public sealed record RecommendedMentor(PublicMentorCard Mentor, double Score, MatchComponents Components, IReadOnlyList<string> Reasons);

/// <summary>
/// Mentors recommended to a student (issue 5, ADR 0015). Lists are scored ahead of time and stored; a request reads the
/// stored list and scores again only when it is missing, stale (a profile changed), expired or built with other weights.
/// Scoring never looks at the whole mentor table: the database narrows it to a candidate pool first.
/// </summary>
public sealed class RecommendationService(
    GurukulDbContext db, MentorSearchIndex index, TaxonomyGlossary glossary, IOptions<MatchingOptions> options, IClock clock, IStringLocalizer<Strings> text)
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;

    private MatchingOptions Options => options.Value;

    public async Task<IReadOnlyList<RecommendedMentor>> GetAsync(string studentUserId, int? limit, CancellationToken cancellationToken)
    {
        var take = limit switch
        {
            null => DefaultLimit,
            >= 1 and <= MaxLimit => limit.Value,
            _ => throw new ValidationException("limit", text["validation.limit", MaxLimit]),
        };
        var stored = await ReadAsync(studentUserId, take, cancellationToken) ?? throw new ConflictException(text["match.profile_required"]);
        if (stored.List is null || NeedsScoring(stored.List))
        {
            await ScoreAsync(stored.Student, cancellationToken);
            stored = await ReadAsync(studentUserId, take, cancellationToken) ?? throw new ConflictException(text["match.profile_required"]);
        }

        // Cards from the search index, current with the database: a mentor no longer public is left out. Subjects are named
        // in the student's language, so the reasons are too (ADR 0022).
        var snapshot = await index.CurrentAsync(db, cancellationToken);
        var terms = await glossary.AtAsync(db, snapshot.TextVersion, cancellationToken);
        var byId = stored.Entries.ToDictionary(e => e.MentorId);
        return
        [
            .. snapshot.Cards(stored.Entries.Select(e => e.MentorId)).Take(take).Select(card => card.Named(terms)).Select(card =>
            {
                var entry = byId[card.Id];
                var components = ComponentsOf(entry);
                return new RecommendedMentor(card, entry.Score, components, RecommendationReasons.For(stored.Student, card, entry, components, Options.Weights, text));
            }),
        ];
    }

    /// <summary>
    /// The student's profile, their list's head and its first entries not hidden, in one query (every request reads
    /// them); null when the student has no profile. A few more entries than asked: some may have stopped being public
    /// since the list was stored.
    /// </summary>
    private async Task<StoredList?> ReadAsync(string studentUserId, int take, CancellationToken cancellationToken) =>
        await (
            from student in db.Set<StudentProfile>().AsNoTracking()
            where student.UserId == studentUserId
            join list in db.Set<RecommendationList>().AsNoTracking() on student.UserId equals list.StudentUserId into lists
            from list in lists.DefaultIfEmpty()
            select new StoredList(
                student,
                list == null ? null : new ListHead(list.IsStale, list.WeightsFingerprint, list.ComputedAt),
                db.Set<Recommendation>().AsNoTracking()
                    // Both: the join needs the correlation, and the parameter keeps the window EF ranks entries with
                    // to this student's rows (PostgreSQL does not push the join's condition into it).
                    .Where(r => r.StudentUserId == student.UserId && r.StudentUserId == studentUserId)
                    .Where(r => !db.Set<MentorPreference>().Any(h => h.StudentUserId == r.StudentUserId && h.MentorId == r.MentorId && h.IsHidden))
                    .OrderBy(r => r.Rank)
                    .Take(take + 10)
                    .ToList()))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Scores the student's list again and stores it (the job runner calls this when their profile changes).</summary>
    public async Task RefreshAsync(string studentUserId, CancellationToken cancellationToken)
    {
        var student = await db.Set<StudentProfile>().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == studentUserId, cancellationToken);
        if (student is null)
        {
            await db.Set<RecommendationList>().Where(l => l.StudentUserId == studentUserId).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        await ScoreAsync(student, cancellationToken);
    }

    /// <summary>
    /// Marks stale every list the mentor is on, and, when the mentor is public, the lists of the students they could now
    /// enter: those at a level the mentor serves whose first language the mentor speaks (where language and level, 55% of
    /// the default weights, put a newcomer). Other lists pick the mentor up when they expire (<see cref="MatchingOptions.MaxAge"/>).
    /// </summary>
    public async Task MentorChangedAsync(Guid mentorId, CancellationToken cancellationToken)
    {
        var lists = db.Set<RecommendationList>();
        await lists.Where(l => !l.IsStale && db.Set<Recommendation>().Any(r => r.StudentUserId == l.StudentUserId && r.MentorId == mentorId))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.IsStale, true), cancellationToken);

        var mentor = await db.MentorProfiles.AsNoTracking().Where(MentorProfile.PublicFilter).Where(m => m.Id == mentorId)
            .Select(m => new { m.StudentLevelsServed, Languages = m.Languages.Select(l => l.LanguageCode).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (mentor is null)
        {
            return;
        }

        var levels = new[] { (StudentLevels.School, AcademicLevel.School), (StudentLevels.College, AcademicLevel.College) }
            .Where(l => mentor.StudentLevelsServed.HasFlag(l.Item1)).Select(l => l.Item2).ToList();
        await lists.Where(l => !l.IsStale && db.Set<StudentProfile>().Any(p =>
                p.UserId == l.StudentUserId && levels.Contains(p.AcademicLevel) && mentor.Languages.Contains(p.PrimaryLanguage)))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.IsStale, true), cancellationToken);
    }

    private bool NeedsScoring(ListHead list) =>
        list.IsStale || list.WeightsFingerprint != Options.Weights.Fingerprint()
        || clock.GetCurrentInstant() - list.ComputedAt > Duration.FromTimeSpan(Options.MaxAge);

    private async Task ScoreAsync(StudentProfile student, CancellationToken cancellationToken)
    {
        var subjectNames = await db.Subjects.AsNoTracking().ToDictionaryAsync(s => s.Slug, s => s.Name, StringComparer.Ordinal, cancellationToken);
        var facts = StudentMatchProfile.Facts(student, subjectNames);
        var candidates = await RecommendationCandidates.FactsAsync(db, student.UserId, facts, Options.CandidatePool, cancellationToken);
        var ranked = MatchScorer.Rank(facts, candidates, Options.Weights).Take(Options.ListSize).ToList();
        await StoreAsync(student.UserId, ranked, cancellationToken);
    }

    private async Task StoreAsync(string studentUserId, List<MatchResult> ranked, CancellationToken cancellationToken)
    {
        var list = new RecommendationList
        {
            StudentUserId = studentUserId,
            ComputedAt = clock.GetCurrentInstant(),
            WeightsFingerprint = Options.Weights.Fingerprint(),
            Entries = [.. ranked.Select((r, rank) => EntryOf(studentUserId, r, rank))],
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The entries go with their list (ON DELETE CASCADE).
        await db.Set<RecommendationList>().Where(l => l.StudentUserId == studentUserId).ExecuteDeleteAsync(cancellationToken);
        db.Add(list);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException conflict) when (DbErrors.IsUniqueViolation(conflict))
        {
            // Another request or the job stored this student's list a moment ago, from the same profiles: theirs stands.
            await transaction.RollbackAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static Recommendation EntryOf(string studentUserId, MatchResult result, int rank) => new()
    {
        StudentUserId = studentUserId,
        MentorId = result.Mentor.Id,
        Rank = rank,
        Score = result.Score,
        LanguageMatch = result.Components.LanguageMatch,
        AcademicLevel = result.Components.AcademicLevel,
        FieldExpertise = result.Components.FieldExpertise,
        LocationContext = result.Components.LocationContext,
        CareerGoals = result.Components.CareerGoals,
        Rating = result.Components.Rating,
        Availability = result.Components.Availability,
        Experience = result.Components.Experience,
        MatchedSubjects = [.. result.MatchedSubjects],
        MatchedGoals = [.. result.MatchedGoals],
    };

    private static MatchComponents ComponentsOf(Recommendation r) =>
        new(r.LanguageMatch, r.AcademicLevel, r.FieldExpertise, r.LocationContext, r.CareerGoals, r.Rating, r.Availability, r.Experience);

    private sealed record ListHead(bool IsStale, string WeightsFingerprint, Instant ComputedAt);

    private sealed record StoredList(StudentProfile Student, ListHead? List, List<Recommendation> Entries);
}
