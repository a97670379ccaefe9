using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Reference;

/// <summary>Languages and the subjects taxonomy: the reference data every form and filter uses.</summary>
public sealed class ReferenceService(GurukulDbContext db)
{
    /// <summary>
    /// Every language, with its name in the request's language (<c>name</c>, from the term dictionary; English otherwise)
    /// beside its English and own-script names.
    /// </summary>
    public async Task<IReadOnlyList<LanguageDto>> ListLanguagesAsync(CancellationToken cancellationToken)
    {
        var names = await NamesAsync(TermKind.Language, cancellationToken);
        var languages = await db.Languages.AsNoTracking()
            .OrderByDescending(l => l.Scheduled).ThenBy(l => l.EnglishName)
            .Select(l => new LanguageDto(l.Code, l.EnglishName, l.NativeName, l.Scheduled, l.EnglishName))
            .ToListAsync(cancellationToken);
        return [.. languages.Select(l => l with { Name = names.GetValueOrDefault(l.Code, l.EnglishName) })];
    }

    /// <summary>Categories in their order, each with its subjects by name, named in the request's language.</summary>
    public async Task<IReadOnlyList<SubjectCategoryDto>> ListSubjectCategoriesAsync(CancellationToken cancellationToken)
    {
        var categoryNames = await NamesAsync(TermKind.Category, cancellationToken);
        var subjectNames = await NamesAsync(TermKind.Subject, cancellationToken);
        var categories = await db.SubjectCategories.AsNoTracking()
            .OrderBy(c => c.SortOrder)
            .Select(c => new SubjectCategoryDto(c.Slug, c.Name, c.Subjects.Select(s => new SubjectDto(s.Slug, s.Name)).ToList()))
            .ToListAsync(cancellationToken);
        var order = StringComparer.Create(CultureInfo.CurrentUICulture, ignoreCase: true);
        return [.. categories.Select(c => new SubjectCategoryDto(
            c.Slug, categoryNames.GetValueOrDefault(c.Slug, c.Name),
            [.. c.Subjects.Select(s => s with { Name = subjectNames.GetValueOrDefault(s.Slug, s.Name) }).OrderBy(s => s.Name, order)]))];
    }

    /// <summary>School boards: national and international first, then state boards by state; named in the request's language.</summary>
    public async Task<IReadOnlyList<BoardDto>> ListBoardsAsync(CancellationToken cancellationToken)
    {
        var names = await NamesAsync(TermKind.Board, cancellationToken);
        var boards = await db.Boards.AsNoTracking()
            .OrderBy(b => b.SortOrder).ThenBy(b => b.Name)
            .Select(b => new BoardDto(b.Code, b.Name, b.State))
            .ToListAsync(cancellationToken);
        return [.. boards.Select(b => b with { Name = names.GetValueOrDefault(b.Code, b.Name) })];
    }

    /// <summary>The language codes, subject slugs and board codes forms may use, for validating what a client sends.</summary>
    public async Task<KnownCodes> KnownCodesAsync(CancellationToken cancellationToken) => new(
        (await db.Languages.Select(l => l.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal),
        (await db.Subjects.Select(s => s.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal),
        (await db.Boards.Select(b => b.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal));

    /// <summary>Loads the shipped reference data into an empty database. Admins edit it afterwards; it is never overwritten.</summary>
    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (!await db.Languages.AnyAsync(cancellationToken))
        {
            var languages = ReadSeed<List<LanguageDto>>("languages.json");
            db.Languages.AddRange(languages.Select(l => new Language { Code = l.Code, EnglishName = l.EnglishName, NativeName = l.NativeName, Scheduled = l.Scheduled }));
        }

        if (!await db.SubjectCategories.AnyAsync(cancellationToken))
        {
            var taxonomy = ReadSeed<TaxonomySeed>("subjects.json");
            db.SubjectCategories.AddRange(taxonomy.Categories.Select((c, index) => new SubjectCategory
            {
                Slug = c.Slug,
                Name = c.Name,
                SortOrder = index,
                Subjects = [.. c.Subjects.Select(s => new Subject { Slug = s.Slug, Name = s.Name, CategorySlug = c.Slug })],
            }));
        }

        if (!await db.Boards.AnyAsync(cancellationToken))
        {
            var boards = ReadSeed<List<BoardDto>>("boards.json");
            db.Boards.AddRange(boards.Select((b, index) => new Board { Code = b.Code, Name = b.Name, State = b.State, SortOrder = index }));
        }

        await db.SaveChangesAsync(cancellationToken);
        await SeedTermsIfEmptyAsync(cancellationToken);
    }

    /// <summary>
    /// The shipped term dictionary (ADR 0022), into an empty taxonomy_terms table: also on a database whose reference data
    /// predates it, for the entries that exist there (an admin's own additions simply start without terms).
    /// </summary>
    private async Task SeedTermsIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<TaxonomyTerm>().AnyAsync(cancellationToken))
        {
            return;
        }

        var existing = new Dictionary<TermKind, HashSet<string>>
        {
            [TermKind.Subject] = [.. await db.Subjects.Select(s => s.Slug).ToListAsync(cancellationToken)],
            [TermKind.Category] = [.. await db.SubjectCategories.Select(c => c.Slug).ToListAsync(cancellationToken)],
            [TermKind.Board] = [.. await db.Boards.Select(b => b.Code).ToListAsync(cancellationToken)],
            [TermKind.Language] = [.. await db.Languages.Select(l => l.Code).ToListAsync(cancellationToken)],
        };
        db.Set<TaxonomyTerm>().AddRange(SeedTerms().Where(t => existing[t.Kind].Contains(t.Key)).Select(t => new TaxonomyTerm
        {
            Kind = t.Kind, Key = t.Key, Language = t.Language, Text = t.Text, IsName = t.IsName,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The names of one kind of entry in the request's language, by key (none for English: those are the entries' own).</summary>
    private async Task<Dictionary<string, string>> NamesAsync(TermKind kind, CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        if (language == "en")
        {
            return [];
        }

        return await db.Set<TaxonomyTerm>().AsNoTracking()
            .Where(t => t.Kind == kind && t.Language == language && t.IsName)
            .ToDictionaryAsync(t => t.Key, t => t.Text, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>terms.json as rows. English names are the entries' own, so English terms are synonyms; elsewhere the first term is the name.</summary>
    internal static IEnumerable<TermRow> SeedTerms() =>
        from kind in ReadSeed<TermSeed>("terms.json").ByKind()
        from entry in kind.Entries
        from language in entry.Value
        from term in language.Value.Select((text, i) => (Text: text, IsName: i == 0 && language.Key != "en"))
        select new TermRow(kind.Kind, entry.Key, language.Key, term.Text, term.IsName);

    internal static T ReadSeed<T>(string fileName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("seed/" + fileName)
            ?? throw new InvalidOperationException($"Seed file {fileName} is not embedded.");
        return JsonSerializer.Deserialize<T>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Seed file {fileName} is empty.");
    }

    private sealed record TaxonomySeed(List<SubjectCategoryDto> Categories);

    /// <summary>terms.json: per kind, entry key → language → terms (the first the name, for languages other than English).</summary>
    private sealed record TermSeed(
        Dictionary<string, Dictionary<string, List<string>>> Subjects, Dictionary<string, Dictionary<string, List<string>>> Categories,
        Dictionary<string, Dictionary<string, List<string>>> Boards, Dictionary<string, Dictionary<string, List<string>>> Languages)
    {
        public IEnumerable<(TermKind Kind, Dictionary<string, Dictionary<string, List<string>>> Entries)> ByKind() =>
            [(TermKind.Subject, Subjects), (TermKind.Category, Categories), (TermKind.Board, Boards), (TermKind.Language, Languages)];
    }
}

public sealed record KnownCodes(HashSet<string> Languages, HashSet<string> Subjects, HashSet<string> Boards);

public sealed record BoardDto(string Code, string Name, string? State);

/// <summary>A language: <c>name</c> is its name in the request's language (ADR 0022); the others do not change with it.</summary>
public sealed record LanguageDto(string Code, string EnglishName, string NativeName, bool Scheduled, string? Name = null);

public sealed record SubjectDto(string Slug, string Name);

public sealed record SubjectCategoryDto(string Slug, string Name, List<SubjectDto> Subjects);
