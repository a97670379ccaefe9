using Gurukul.Features.Reference;

namespace Gurukul.Features.Mentors;

/// <summary>
/// Mentor cards and profiles with their subject and category names in the reader's language, from the term dictionary
/// (ADR 0022); entries without a name in that language keep their English name. Slugs never change.
/// </summary>
public static class PublicMentorNames
{
    public static PublicMentorCard Named(this PublicMentorCard card, TermSet terms) =>
        card with { SubjectsUnordered = [.. card.SubjectsUnordered.Select(s => s.Named(terms))] };

    public static PublicMentorProfile Named(this PublicMentorProfile profile, TermSet terms) =>
        profile with { SubjectsUnordered = [.. profile.SubjectsUnordered.Select(s => s.Named(terms))] };

    public static PublicSubject Named(this PublicSubject subject, TermSet terms) => subject with
    {
        Name = terms.Name(TermKind.Subject, subject.Slug, subject.Name),
        CategoryName = terms.CategoryNameOf(subject.Slug) ?? subject.CategoryName,
    };
}
