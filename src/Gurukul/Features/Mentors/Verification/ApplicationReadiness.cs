namespace Gurukul.Features.Mentors.Verification;

/// <summary>
/// What an application still needs before the mentor can submit it: the profile fields reviewers judge, at least one
/// document, and an ID proof among them (the one document every mentor of minors must show). Named by API field path,
/// or <see cref="Documents"/> / <see cref="IdProof"/>.
/// </summary>
public static class ApplicationReadiness
{
    public const string Documents = "documents";
    public const string IdProof = "id_proof";

    public static IReadOnlyList<string> Missing(MentorProfile profile, IReadOnlyCollection<DocumentKind> documents)
    {
        var missing = new List<string>();
        // A saved profile passed these checks once; they are repeated because profiles can also come from elsewhere
        // (imports, demo data, later editors) and an empty field must never reach the queue.
        if (string.IsNullOrWhiteSpace(profile.Headline))
        {
            missing.Add("headline");
        }

        if (string.IsNullOrWhiteSpace(profile.Bio))
        {
            missing.Add("bio");
        }

        if (profile.Subjects.Count == 0)
        {
            missing.Add("subjects");
        }

        if (profile.StudentLevelsServed == StudentLevels.None)
        {
            missing.Add("studentLevelsServed");
        }

        if (profile.HourlyRate.AmountMinor <= 0)
        {
            missing.Add("hourlyRate");
        }

        if (documents.Count == 0)
        {
            missing.Add(Documents);
        }

        if (!documents.Contains(DocumentKind.IdProof))
        {
            missing.Add(IdProof);
        }

        return missing;
    }
}
