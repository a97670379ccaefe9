using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Profiles;

/// <summary>Where a student stands in onboarding: the step to resume at and the answers so far.</summary>
/// <param name="Step">The step to resume at: the one after the last step saved.</param>
/// <param name="Answers">The answers so far: the draft's, else the saved profile's, else none.</param>
/// <param name="HasDraft">Answers are saved from an onboarding not yet finished.</param>
/// <param name="HasProfile">The student has saved a profile; going through the steps again edits it.</param>
public sealed record OnboardingProgress(OnboardingStep Step, StudentProfileRequest Answers, bool HasDraft, bool HasProfile)
{
    /// <summary>
    /// Steps up to the resume step can be opened; with a saved profile every answer exists already, so any step can.
    /// Later steps wait: the details step cannot be asked before the level is known.
    /// </summary>
    public bool CanOpen(OnboardingStep step) => step <= Step || HasProfile;
}

/// <summary>
/// A student's guided onboarding. Each step checks only its own answers, by <see cref="StudentProfileService"/>'s rules,
/// and keeps the answers so far in an <see cref="OnboardingDraft"/>; finishing saves the profile through the same
/// service (the same rules as the API) and removes the draft.
/// </summary>
public sealed class OnboardingService(GurukulDbContext db, StudentProfileService profiles, IClock clock)
{
    // Telugu and Hindi stay characters: escaped, each would take six of the draft column's 20,000.
    private static readonly JsonSerializerOptions DraftJson = new(JsonSerializerOptions.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public async Task<OnboardingProgress> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var profile = await profiles.FindAsync(userId, cancellationToken);
        var draft = await db.Set<OnboardingDraft>().AsNoTracking().SingleOrDefaultAsync(d => d.UserId == userId, cancellationToken);
        if (draft is not null && JsonSerializer.Deserialize<StudentProfileRequest>(draft.Data, DraftJson) is { } answers)
        {
            return new OnboardingProgress((OnboardingStep)Math.Clamp(draft.Step, 1, OnboardingSteps.Count), answers, HasDraft: true, profile is not null);
        }

        return profile is null
            ? new OnboardingProgress(OnboardingStep.Basics, OnboardingSteps.NoAnswers, HasDraft: false, HasProfile: false)
            : new OnboardingProgress(OnboardingStep.Basics, OnboardingSteps.FromProfile(profile), HasDraft: false, HasProfile: true);
    }

    /// <summary>
    /// Checks this step's answers (a <see cref="Platform.Errors.ValidationException"/> names the bad fields) and keeps them
    /// with the answers so far. Returns the next step, where the student resumes from now on.
    /// </summary>
    public async Task<OnboardingStep> SaveStepAsync(string userId, OnboardingStep step, StudentProfileRequest posted, CancellationToken cancellationToken)
    {
        var answers = OnboardingSteps.Merge(step, (await GetAsync(userId, cancellationToken)).Answers, posted);
        await profiles.ValidateFieldsAsync(answers, OnboardingSteps.Fields(step), cancellationToken);
        var next = (OnboardingStep)Math.Min((int)step + 1, OnboardingSteps.Count);
        await StoreDraftAsync(userId, next, answers, cancellationToken);
        return next;
    }

    /// <summary>Checks the saved answers of one step again, for a student sent back to it (the same errors as saving it).</summary>
    public async Task CheckStepAsync(string userId, OnboardingStep step, CancellationToken cancellationToken) =>
        await profiles.ValidateFieldsAsync((await GetAsync(userId, cancellationToken)).Answers, OnboardingSteps.Fields(step), cancellationToken);

    /// <summary>
    /// Saves the answers as the student's profile, by the same rules as the API, and removes the draft. A
    /// <see cref="Platform.Errors.ValidationException"/> here names a field of an earlier step
    /// (<see cref="OnboardingSteps.Owning"/>): the student changed their level and skipped the new details, or
    /// reference data changed meanwhile.
    /// </summary>
    public async Task<StudentProfileDto> FinishAsync(string userId, CancellationToken cancellationToken)
    {
        var profile = await profiles.SaveAsync(userId, (await GetAsync(userId, cancellationToken)).Answers, cancellationToken);
        await db.Set<OnboardingDraft>().Where(d => d.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return profile;
    }

    private async Task StoreDraftAsync(string userId, OnboardingStep next, StudentProfileRequest answers, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Serialize(answers, DraftJson);
        var now = clock.GetCurrentInstant();
        if (await UpdateDraftAsync(userId, next, data, now, cancellationToken) > 0)
        {
            return;
        }

        db.Add(new OnboardingDraft { UserId = userId, Step = (int)next, Data = data, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A double submit or a second tab created the draft a moment ago: these answers came last, so they win.
            db.ChangeTracker.Clear();
            await UpdateDraftAsync(userId, next, data, now, cancellationToken);
        }
    }

    private Task<int> UpdateDraftAsync(string userId, OnboardingStep next, string data, Instant now, CancellationToken cancellationToken) =>
        db.Set<OnboardingDraft>().Where(d => d.UserId == userId).ExecuteUpdateAsync(
            set => set.SetProperty(d => d.Step, (int)next).SetProperty(d => d.Data, data).SetProperty(d => d.UpdatedAt, now), cancellationToken);
}
