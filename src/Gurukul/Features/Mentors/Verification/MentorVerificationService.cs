using Gurukul.Features.Audit;
using Gurukul.Features.Matching;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Storage;
using Gurukul.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Mentors.Verification;

/// <summary>
/// Mentor verification (docs/adr/0009-mentor-verification.md): the mentor's documents and submission, and the staff
/// queue where applications move through <see cref="VerificationWorkflow"/>. Every move is a history row, an audit
/// entry and an email to the mentor, saved together. Two staff members moving one application at once cannot both
/// win: the status is the profile's concurrency token, so the second save finds it changed and is refused (409).
/// </summary>
public sealed class MentorVerificationService(
    GurukulDbContext db, MentorProfileService profiles, Uploads uploads, IFileStorage storage, SignedFileLinks links,
    VerificationMails mails, AuditLog audit, RecommendationInvalidation recommendations, IClock clock, IStringLocalizer<Strings> text)
{
    /// <summary>Signed document links live minutes: long enough to open a preview, short enough that a leaked link dies.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(5);

    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;

    public async Task<MentorDocumentDto> UploadDocumentAsync(string userId, string? kind, IFormFile? file, ClientInfo client, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!VerificationNames.TryParseKind(kind, out var documentKind))
        {
            errors.Add("kind", text["verification.kind_unknown", string.Join(", ", VerificationNames.AllKinds)]);
        }

        if (file is null)
        {
            errors.Add(Uploads.Field, text["verification.file_required"]);
        }

        errors.ThrowIfAny();
        var profile = await OwnProfileAsync(userId, cancellationToken);
        EnsureDocumentsCanChange(profile);
        if (await db.Set<MentorDocument>().CountAsync(d => d.MentorId == profile.Id, cancellationToken) >= MentorDocument.MaxPerMentor)
        {
            throw new ConflictException(text["verification.too_many_documents", MentorDocument.MaxPerMentor]);
        }

        var stored = await uploads.StoreUploadAsync(file!, UploadPolicy.Documents, UploadPolicy.Documents.Name, cancellationToken);
        var now = clock.GetCurrentInstant();
        var document = new MentorDocument
        {
            MentorId = profile.Id, Kind = documentKind, FileName = DisplayName(file!.FileName), ContentType = stored.ContentType,
            SizeBytes = stored.SizeBytes, Sha256 = stored.Sha256, StorageKey = stored.Key, UploadedAt = now,
        };
        db.Add(document);
        // Touching the profile makes the save check its status (the concurrency token): a submission that raced this
        // upload wins, and the document does not slip into an application already in review.
        profile.UpdatedAt = now;
        audit.Add(AuditActions.VerificationDocumentAdded, client, userId, userId, $"{VerificationNames.Name(documentKind)}: {document.FileName}");
        try
        {
            await SaveAsync(cancellationToken);
        }
        catch
        {
            // Nothing points at the stored bytes now, and nobody could ever reach them: remove them.
            await storage.DeleteAsync(stored.Key, CancellationToken.None);
            throw;
        }

        return ToDto(document);
    }

    public async Task<IReadOnlyList<MentorDocumentDto>> ListOwnDocumentsAsync(string userId, CancellationToken cancellationToken)
    {
        var profile = await OwnProfileAsync(userId, cancellationToken);
        return await DocumentsAsync(profile.Id, cancellationToken);
    }

    /// <summary>Removes one of the mentor's own documents and its file. Another mentor's document is 404, as if it did not exist.</summary>
    public async Task DeleteDocumentAsync(string userId, string documentId, ClientInfo client, CancellationToken cancellationToken)
    {
        var profile = await OwnProfileAsync(userId, cancellationToken);
        var document = Guid.TryParse(documentId, out var id)
            ? await db.Set<MentorDocument>().SingleOrDefaultAsync(d => d.Id == id && d.MentorId == profile.Id, cancellationToken)
            : null;
        if (document is null)
        {
            throw new NotFoundException(text["verification.document_not_found"]);
        }

        EnsureDocumentsCanChange(profile);
        db.Remove(document);
        profile.UpdatedAt = clock.GetCurrentInstant();
        audit.Add(AuditActions.VerificationDocumentRemoved, client, userId, userId, $"{VerificationNames.Name(document.Kind)}: {document.FileName}");
        await SaveAsync(cancellationToken);
        // After the commit: if this fails the bytes are an orphan nobody can reach, never a row pointing at nothing.
        await storage.DeleteAsync(document.StorageKey, cancellationToken);
    }

    /// <summary>The mentor submits (or, after a rejection or a request for changes, resubmits) their application.</summary>
    public async Task<SubmitResponse> SubmitAsync(string userId, ClientInfo client, string baseUrl, CancellationToken cancellationToken)
    {
        var profile = await db.MentorProfiles.Include(m => m.Subjects).Include(m => m.User)
            .SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken)
            ?? throw new ConflictException(text["verification.submit_no_profile"]);
        if (!VerificationWorkflow.Allows(profile.VerificationStatus, VerificationStatus.Pending, VerificationActor.Mentor))
        {
            throw new ConflictException(text["verification.submit_not_now", StatusLabel(profile.VerificationStatus)]);
        }

        var kinds = await db.Set<MentorDocument>().Where(d => d.MentorId == profile.Id).Select(d => d.Kind).ToListAsync(cancellationToken);
        var missing = ApplicationReadiness.Missing(profile, kinds);
        if (missing.Count > 0)
        {
            throw new ConflictException(text["verification.submit_missing", MissingText(missing)]);
        }

        await RecordMoveAsync(profile, VerificationStatus.Pending, VerificationActor.Mentor, userId, null, client, baseUrl, cancellationToken);
        await SaveAsync(cancellationToken);
        return new SubmitResponse(VerificationNames.Name(profile.VerificationStatus));
    }

    /// <summary>Where the mentor's application stands, its history (staff shown only as the Gurukul team) and what to do next.</summary>
    public async Task<MentorVerificationDto> GetOwnVerificationAsync(string userId, CancellationToken cancellationToken)
    {
        var profile = await db.MentorProfiles.AsNoTracking().Include(m => m.Subjects).SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken)
            ?? throw new NotFoundException(text["profile.mentor.none"]);
        var kinds = await db.Set<MentorDocument>().Where(d => d.MentorId == profile.Id).Select(d => d.Kind).ToListAsync(cancellationToken);
        var status = profile.VerificationStatus;
        var canSubmit = VerificationWorkflow.Allows(status, VerificationStatus.Pending, VerificationActor.Mentor);
        var missing = canSubmit ? ApplicationReadiness.Missing(profile, kinds) : [];
        var nextStep = canSubmit && missing.Count > 0 && status == VerificationStatus.Draft
            ? text["verification.next.missing", MissingText(missing)]
            : text[VerificationText.NextStepKey(status)];
        var events = await db.Set<VerificationEvent>().AsNoTracking().Where(e => e.MentorId == profile.Id).ToListAsync(cancellationToken);
        var history = VerificationHistory.InOrder(events).Select(e => new MentorHistoryItemDto(
            VerificationNames.Name(e.FromStatus), VerificationNames.Name(e.ToStatus),
            e.ToStatus == VerificationStatus.Pending ? "mentor" : "gurukul_team",
            VerificationWorkflow.NeedsReason(e.ToStatus) ? e.Notes : null,
            e.At.ToDateTimeUtc()));
        return new MentorVerificationDto(
            VerificationNames.Name(status), StatusLabel(status), nextStep, profile.SubmittedAt?.ToDateTimeUtc(), CanChangeDocuments(status),
            canSubmit && missing.Count == 0, missing, [.. history]);
    }

    /// <summary>
    /// The staff queue: applications in <paramref name="status"/>, or all in review when none is given; oldest submission
    /// first, so nobody waits longest by accident. Each with its documents and fresh signed links to them.
    /// </summary>
    public async Task<ListResponse<MentorApplicationDto>> ListApplicationsAsync(string? status, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var take = limit switch
        {
            null => DefaultPageSize,
            >= 1 and <= MaxPageSize => limit.Value,
            _ => throw new ValidationException("limit", text["validation.limit", MaxPageSize]),
        };
        var applications = db.MentorProfiles.AsNoTracking();
        if (string.IsNullOrWhiteSpace(status))
        {
            var inReview = VerificationWorkflow.InReview.ToList();
            applications = applications.Where(m => inReview.Contains(m.VerificationStatus));
        }
        else if (VerificationNames.TryParseStatus(status, out var wanted))
        {
            applications = applications.Where(m => m.VerificationStatus == wanted);
        }
        else
        {
            throw new ValidationException("status", text["verification.status_unknown", string.Join(", ", VerificationNames.AllStatuses)]);
        }

        // Drafts were never submitted: they queue by when they were started.
        var rows = applications.Select(m => new
        {
            m.Id, m.UserId, m.User!.Name, m.Headline, m.SubmittedAt, m.VerificationStatus, QueuedAt = m.SubmittedAt ?? m.CreatedAt,
        });
        if (cursor is not null)
        {
            var (queuedAt, id) = TimeCursor.Decode(cursor, text["validation.cursor"]);
            rows = rows.Where(r => r.QueuedAt > queuedAt || (r.QueuedAt == queuedAt && r.Id.CompareTo(id) > 0));
        }

        var page = await rows.OrderBy(r => r.QueuedAt).ThenBy(r => r.Id).Take(take + 1).ToListAsync(cancellationToken);
        var shown = page.Take(take).ToList();
        var ids = shown.Select(r => r.Id).ToList();
        var documents = (await db.Set<MentorDocument>().AsNoTracking().Where(d => ids.Contains(d.MentorId)).ToListAsync(cancellationToken))
            .ToLookup(d => d.MentorId);
        var items = shown.Select(r => new MentorApplicationDto(
            r.Id.ToString(), r.UserId, r.Name, r.Headline, r.SubmittedAt?.ToDateTimeUtc(), VerificationNames.Name(r.VerificationStatus),
            [.. documents[r.Id].OrderBy(d => d.UploadedAt).Select(ToDto)])).ToList();
        return new ListResponse<MentorApplicationDto>(items, page.Count > take ? TimeCursor.Encode(shown[^1].QueuedAt, shown[^1].Id) : null);
    }

    /// <summary>One application in full, with who made each move and the moves <paramref name="staff"/> may make now.</summary>
    public async Task<MentorApplicationDetailDto> GetApplicationAsync(StaffMember staff, string mentorId, CancellationToken cancellationToken)
    {
        var mentor = await FindApplicationAsync(mentorId, tracked: false, cancellationToken);
        var profile = await profiles.GetAsync(mentor.UserId, cancellationToken);
        var events = await (
            from e in db.Set<VerificationEvent>().AsNoTracking().Where(e => e.MentorId == mentor.Id)
            join actor in db.Users on e.ActorUserId equals actor.Id into actors
            from actor in actors.DefaultIfEmpty()
            select new { Event = e, ActorName = actor == null ? null : actor.Name, ActorEmail = actor == null ? null : actor.Email })
            .ToListAsync(cancellationToken);
        var actorsByEvent = events.ToDictionary(e => e.Event.Id);
        var history = VerificationHistory.InOrder(events.Select(e => e.Event)).Select(e => new StaffHistoryItemDto(
            VerificationNames.Name(e.FromStatus), VerificationNames.Name(e.ToStatus), e.Notes, e.At.ToDateTimeUtc(),
            e.ActorUserId is null || actorsByEvent[e.Id].ActorName is null
                ? null
                : new VerificationActorDto(e.ActorUserId, actorsByEvent[e.Id].ActorName!, actorsByEvent[e.Id].ActorEmail)));
        var allowed = VerificationWorkflow.NextFrom(mentor.VerificationStatus)
            .Where(to => VerificationWorkflow.Allows(mentor.VerificationStatus, to, staff.Actor))
            .Select(VerificationNames.Name);
        return new MentorApplicationDetailDto(
            mentor.Id.ToString(), mentor.UserId, mentor.User!.Name, mentor.User.Email, mentor.SubmittedAt?.ToDateTimeUtc(),
            VerificationNames.Name(mentor.VerificationStatus), profile, await DocumentsAsync(mentor.Id, cancellationToken), [.. history], [.. allowed]);
    }

    /// <summary>
    /// A staff member moves an application. 400 for an unknown status or missing reason, 404 for an unknown mentor, 409 for a
    /// move the workflow does not allow from here (or when the application moved since <c>expectedStatus</c>), 403 when the
    /// move is not this staff member's to make (support deciding, anyone but the mentor submitting).
    /// </summary>
    public async Task<VerificationMoveResponse> MoveAsync(
        StaffMember staff, string mentorId, VerificationMoveRequest request, ClientInfo client, string baseUrl, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!VerificationNames.TryParseStatus(request.Status, out var to))
        {
            errors.Add("status", text["verification.status_unknown", string.Join(", ", VerificationNames.AllStatuses)]);
        }

        var notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
        if (notes?.Length > VerificationEvent.MaxNotesLength)
        {
            errors.Add("notes", text["verification.notes_too_long", VerificationEvent.MaxNotesLength]);
        }
        else if (notes is null && !errors.Has("status") && VerificationWorkflow.NeedsReason(to))
        {
            errors.Add("notes", text["verification.reason_required", StatusLabel(to)]);
        }

        var expected = VerificationStatus.Draft;
        if (request.ExpectedStatus is not null && !VerificationNames.TryParseStatus(request.ExpectedStatus, out expected))
        {
            errors.Add("expectedStatus", text["verification.status_unknown", string.Join(", ", VerificationNames.AllStatuses)]);
        }

        errors.ThrowIfAny();
        var mentor = await FindApplicationAsync(mentorId, tracked: true, cancellationToken);
        var from = mentor.VerificationStatus;
        if (request.ExpectedStatus is not null && expected != from)
        {
            throw new ConflictException(text["verification.moved_meanwhile", StatusLabel(from), VerificationNames.Name(from)]);
        }

        if (!VerificationWorkflow.NextFrom(from).Contains(to))
        {
            throw new ConflictException(text["verification.move_not_allowed", StatusLabel(from), VerificationNames.Name(from), StatusLabel(to), VerificationNames.Name(to)]);
        }

        if (!VerificationWorkflow.Allows(from, to, staff.Actor))
        {
            throw new ForbiddenException(text[to == VerificationStatus.Pending ? "verification.only_mentor_submits" : "verification.decision_for_admins"]);
        }

        var change = await RecordMoveAsync(mentor, to, staff.Actor, staff.UserId, notes, client, baseUrl, cancellationToken);
        await SaveAsync(cancellationToken);
        return new VerificationMoveResponse(mentor.Id.ToString(), VerificationNames.Name(from), VerificationNames.Name(to), change.At.ToDateTimeUtc());
    }

    /// <summary>The mentor profile id of a user, for links from account pages; null when they have no mentor profile.</summary>
    public Task<Guid?> FindMentorIdAsync(string userId, CancellationToken cancellationToken) =>
        db.MentorProfiles.Where(m => m.UserId == userId).Select(m => (Guid?)m.Id).SingleOrDefaultAsync(cancellationToken);

    private async Task<VerificationEvent> RecordMoveAsync(
        MentorProfile mentor, VerificationStatus to, VerificationActor actor, string actorUserId, string? notes, ClientInfo client, string baseUrl,
        CancellationToken cancellationToken)
    {
        var from = mentor.VerificationStatus;
        var change = mentor.MoveVerification(to, actor, actorUserId, notes, clock.GetCurrentInstant());
        db.Add(change);
        audit.Add(actor == VerificationActor.Mentor ? AuditActions.VerificationSubmitted : AuditActions.VerificationMoved, client, actorUserId, mentor.UserId,
            $"{VerificationNames.Name(from)} → {VerificationNames.Name(to)}" + (notes is null ? "" : ": " + notes));
        // Notes are internal unless the move needs a reason: then they are the reason the mentor must act on.
        await mails.StatusChangedAsync(mentor.User!, to, VerificationWorkflow.NeedsReason(to) ? notes : null, baseUrl, cancellationToken);
        if (from == VerificationStatus.Approved || to == VerificationStatus.Approved)
        {
            // Entering or leaving the public set changes who may be recommended.
            recommendations.MentorChanged(mentor.Id);
        }

        return change;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else moved the application between our read and our write. Forget our changes, so a page that goes
            // on to show the application reads what is really saved.
            db.ChangeTracker.Clear();
            throw new ConflictException(text["verification.changed_meanwhile"]);
        }
    }

    private async Task<MentorProfile> OwnProfileAsync(string userId, CancellationToken cancellationToken) =>
        await db.MentorProfiles.SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken)
        ?? throw new NotFoundException(text["verification.profile_first"]);

    private async Task<MentorProfile> FindApplicationAsync(string mentorId, bool tracked, CancellationToken cancellationToken)
    {
        var mentors = tracked ? db.MentorProfiles : db.MentorProfiles.AsNoTracking();
        return (Guid.TryParse(mentorId, out var id) ? await mentors.Include(m => m.User).SingleOrDefaultAsync(m => m.Id == id, cancellationToken) : null)
            ?? throw new NotFoundException(text["verification.application_not_found"]);
    }

    private void EnsureDocumentsCanChange(MentorProfile profile)
    {
        if (!CanChangeDocuments(profile.VerificationStatus))
        {
            throw new ConflictException(text["verification.documents_locked", StatusLabel(profile.VerificationStatus)]);
        }
    }

    /// <summary>
    /// Documents change only while the mentor holds the application (draft, or sent back): reviewers must judge the
    /// documents that were submitted, and an approved mentor's documents are the record of why they were approved.
    /// </summary>
    private static bool CanChangeDocuments(VerificationStatus status) =>
        VerificationWorkflow.Allows(status, VerificationStatus.Pending, VerificationActor.Mentor);

    private async Task<IReadOnlyList<MentorDocumentDto>> DocumentsAsync(Guid mentorId, CancellationToken cancellationToken) =>
        [.. (await db.Set<MentorDocument>().AsNoTracking().Where(d => d.MentorId == mentorId).ToListAsync(cancellationToken))
            .OrderBy(d => d.UploadedAt).Select(ToDto)];

    // Names stored before bidirectional controls were stripped at upload are cleaned on the way out too.
    private MentorDocumentDto ToDto(MentorDocument d) => new(
        d.Id.ToString(), VerificationNames.Name(d.Kind), DisplayName(d.FileName), d.ContentType, d.SizeBytes, d.UploadedAt.ToDateTimeUtc(),
        links.Create(d.StorageKey, d.FileName, LinkLifetime));

    private string StatusLabel(VerificationStatus status) => text[VerificationText.StatusKey(status)];

    private string MissingText(IEnumerable<string> missing) =>
        string.Join(text["verification.list_separator"], missing.Select(m => text[VerificationText.MissingKey(m)].Value));

    /// <summary>The original name as a label (<see cref="FileNames.Label"/>); never used as a path.</summary>
    private static string DisplayName(string? name) => FileNames.Label(name, MentorDocument.MaxFileNameLength) ?? "document";

}
