using System.Globalization;
using Gurukul.Features.Audit;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Reference;

/// <summary>
/// Admins' edits to the term dictionary (ADR 0022): per taxonomy entry and language, the name pages show and the
/// synonyms search understands, and the list of entries still without a name in a language. A save replaces the
/// language's terms in one transaction, is audited, and moves the search clock (migration 0013's triggers), so search
/// understands the new words on its next request, on every node.
/// </summary>
public sealed class TermAdministration(GurukulDbContext db, AuditLog audit, IStringLocalizer<Strings> text)
{
    public const int MaxSynonyms = 30;

    /// <summary>The URL segment of each kind, as the other reference-data addresses spell it.</summary>
    public static readonly IReadOnlyDictionary<string, TermKind> Kinds = new Dictionary<string, TermKind>(StringComparer.Ordinal)
    {
        ["subjects"] = TermKind.Subject,
        ["subject-categories"] = TermKind.Category,
        ["boards"] = TermKind.Board,
        ["languages"] = TermKind.Language,
    };

    public static string SegmentOf(TermKind kind) => Kinds.Single(k => k.Value == kind).Key;

    /// <summary>The entry's English name and its terms in every language that has some.</summary>
    public async Task<EntryTermsDto> GetAsync(string kindSegment, string key, CancellationToken cancellationToken)
    {
        var (kind, englishName) = await EntryAsync(kindSegment, key, cancellationToken);
        var terms = await db.Set<TaxonomyTerm>().AsNoTracking().Where(t => t.Kind == kind && t.Key == key)
            .OrderBy(t => t.Language).ThenByDescending(t => t.IsName).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        return new EntryTermsDto(kindSegment, key, englishName,
            [.. terms.GroupBy(t => t.Language).Select(g => new LanguageTermsDto(
                g.Key, g.FirstOrDefault(t => t.IsName)?.Text, [.. g.Where(t => !t.IsName).Select(t => t.Text)]))]);
    }

    /// <summary>
    /// Replaces the entry's terms in one language. English has synonyms only (the English name is the entry's own);
    /// every other language needs its name when it has any term, so pages never show a synonym as a name.
    /// </summary>
    public async Task<LanguageTermsDto> SetAsync(
        ReferenceEditor editor, string kindSegment, string key, string language, LanguageTermsRequest request, CancellationToken cancellationToken)
    {
        var (kind, _) = await EntryAsync(kindSegment, key, cancellationToken);
        var code = language.Trim().ToLowerInvariant();
        var errors = new FieldErrors();
        if (!await db.Languages.AnyAsync(l => l.Code == code, cancellationToken))
        {
            errors.Add("language", text["reference.terms.language_unknown"]);
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        var synonyms = (request.Synonyms ?? []).Select(s => s?.Trim()).OfType<string>().Where(s => s.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).Where(s => !string.Equals(s, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (code == "en" && name is not null)
        {
            errors.Add("name", text["reference.terms.english_name"]);
        }
        else if (code != "en" && name is null && synonyms.Count > 0)
        {
            errors.Add("name", text["reference.terms.name_required"]);
        }

        if (name?.Length > TaxonomyTerm.TextMaxLength)
        {
            errors.Add("name", text["reference.validation.name", TaxonomyTerm.TextMaxLength]);
        }

        for (var i = 0; i < synonyms.Count; i++)
        {
            if (synonyms[i].Length > TaxonomyTerm.TextMaxLength)
            {
                errors.Add($"synonyms[{i}]", text["reference.validation.name", TaxonomyTerm.TextMaxLength]);
            }
        }

        if (synonyms.Count > MaxSynonyms)
        {
            errors.Add("synonyms", text["reference.terms.too_many", MaxSynonyms]);
        }

        errors.ThrowIfAny();
        var existing = await db.Set<TaxonomyTerm>().Where(t => t.Kind == kind && t.Key == key && t.Language == code).ToListAsync(cancellationToken);
        var before = Describe(existing.FirstOrDefault(t => t.IsName)?.Text, existing.Where(t => !t.IsName).Select(t => t.Text));
        var after = Describe(name, synonyms);
        if (before == after)
        {
            return new LanguageTermsDto(code, name, synonyms);
        }

        db.Set<TaxonomyTerm>().RemoveRange(existing);
        // Removals go first, so a term that only moves between name and synonym does not meet itself in the unique index.
        await db.SaveChangesAsync(cancellationToken);
        if (name is not null)
        {
            db.Set<TaxonomyTerm>().Add(new TaxonomyTerm { Kind = kind, Key = key, Language = code, Text = name, IsName = true });
        }

        db.Set<TaxonomyTerm>().AddRange(synonyms.Select(s => new TaxonomyTerm { Kind = kind, Key = key, Language = code, Text = s }));
        audit.Add(AuditActions.ReferenceUpdated, editor.Client, editor.UserId, detail: $"terms of {kindSegment} {key} in {code}: {before} → {after}");
        await db.SaveChangesAsync(cancellationToken);
        return new LanguageTermsDto(code, name, synonyms);
    }

    /// <summary>Every entry without a name in <paramref name="language"/>, by kind in the order admins see them.</summary>
    public async Task<MissingTranslationsDto> MissingAsync(string? language, CancellationToken cancellationToken)
    {
        var code = string.IsNullOrWhiteSpace(language) ? "te" : language.Trim().ToLowerInvariant();
        if (code == "en" || !await db.Languages.AnyAsync(l => l.Code == code, cancellationToken))
        {
            throw new ValidationException("language", text["reference.terms.language_unknown"]);
        }

        var named = (await db.Set<TaxonomyTerm>().AsNoTracking().Where(t => t.Language == code && t.IsName)
            .Select(t => new { t.Kind, t.Key }).ToListAsync(cancellationToken)).Select(t => (t.Kind, t.Key)).ToHashSet();
        var entries = new List<MissingTranslationDto>();
        entries.AddRange((await db.SubjectCategories.AsNoTracking().OrderBy(c => c.SortOrder).Select(c => new { c.Slug, c.Name }).ToListAsync(cancellationToken))
            .Select(c => new MissingTranslationDto("subject-categories", c.Slug, c.Name)));
        entries.AddRange((await db.Subjects.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Slug, s.Name }).ToListAsync(cancellationToken))
            .Select(s => new MissingTranslationDto("subjects", s.Slug, s.Name)));
        entries.AddRange((await db.Boards.AsNoTracking().OrderBy(b => b.SortOrder).Select(b => new { b.Code, b.Name }).ToListAsync(cancellationToken))
            .Select(b => new MissingTranslationDto("boards", b.Code, b.Name)));
        entries.AddRange((await db.Languages.AsNoTracking().OrderBy(l => l.EnglishName).Select(l => new { l.Code, l.EnglishName }).ToListAsync(cancellationToken))
            .Select(l => new MissingTranslationDto("languages", l.Code, l.EnglishName)));
        var missing = entries.Where(e => !named.Contains((Kinds[e.Kind], e.Key))).ToList();
        return new MissingTranslationsDto(code, entries.Count, missing);
    }

    private async Task<(TermKind Kind, string EnglishName)> EntryAsync(string kindSegment, string key, CancellationToken cancellationToken)
    {
        if (!Kinds.TryGetValue(kindSegment, out var kind))
        {
            throw new NotFoundException(text["reference.terms.kind_unknown"]);
        }

        var name = kind switch
        {
            TermKind.Subject => await db.Subjects.Where(s => s.Slug == key).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken),
            TermKind.Category => await db.SubjectCategories.Where(c => c.Slug == key).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken),
            TermKind.Board => await db.Boards.Where(b => b.Code == key).Select(b => b.Name).SingleOrDefaultAsync(cancellationToken),
            _ => await db.Languages.Where(l => l.Code == key).Select(l => l.EnglishName).SingleOrDefaultAsync(cancellationToken),
        };
        return name is null ? throw new NotFoundException(text["reference.terms.entry_unknown", key]) : (kind, name);
    }

    private static string Describe(string? name, IEnumerable<string> synonyms) =>
        string.Create(CultureInfo.InvariantCulture, $"name \"{name ?? "none"}\", synonyms [{string.Join(", ", synonyms.Select(s => $"\"{s}\""))}]");
}

/// <summary>A taxonomy entry's terms: <c>kind</c> as in the address (subjects, subject-categories, boards, languages).</summary>
public sealed record EntryTermsDto(string Kind, string Key, string EnglishName, IReadOnlyList<LanguageTermsDto> Languages);

/// <summary>The entry's name in one language (none for English: that is the entry's own) and its synonyms there.</summary>
public sealed record LanguageTermsDto(string Language, string? Name, IReadOnlyList<string> Synonyms);

/// <summary><c>PUT …/terms/{language}</c>: the name shown in that language and the other words search should understand.</summary>
public sealed record LanguageTermsRequest(string? Name, IReadOnlyList<string?>? Synonyms);

public sealed record MissingTranslationDto(string Kind, string Key, string EnglishName);

/// <summary>The entries with no name in <c>language</c> yet, out of <c>entries</c> in all.</summary>
public sealed record MissingTranslationsDto(string Language, int Entries, IReadOnlyList<MissingTranslationDto> Missing);
