using System.Reflection;
using System.Text.Json;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Reference;

/// <summary>Languages and the subjects taxonomy: the reference data every form and filter uses.</summary>
public sealed class ReferenceService(GurukulDbContext db)
{
    public async Task<IReadOnlyList<LanguageDto>> ListLanguagesAsync(CancellationToken cancellationToken) =>
        await db.Languages.AsNoTracking()
            .OrderByDescending(l => l.Scheduled).ThenBy(l => l.EnglishName)
            .Select(l => new LanguageDto(l.Code, l.EnglishName, l.NativeName, l.Scheduled))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SubjectCategoryDto>> ListSubjectCategoriesAsync(CancellationToken cancellationToken) =>
        await db.SubjectCategories.AsNoTracking()
            .OrderBy(c => c.SortOrder)
            .Select(c => new SubjectCategoryDto(c.Slug, c.Name,
                c.Subjects.OrderBy(s => s.Name).Select(s => new SubjectDto(s.Slug, s.Name)).ToList()))
            .ToListAsync(cancellationToken);

    /// <summary>School boards: national and international first, then state boards by state.</summary>
    public async Task<IReadOnlyList<BoardDto>> ListBoardsAsync(CancellationToken cancellationToken) =>
        await db.Boards.AsNoTracking()
            .OrderBy(b => b.SortOrder).ThenBy(b => b.Name)
            .Select(b => new BoardDto(b.Code, b.Name, b.State))
            .ToListAsync(cancellationToken);

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
    }

    internal static T ReadSeed<T>(string fileName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("seed/" + fileName)
            ?? throw new InvalidOperationException($"Seed file {fileName} is not embedded.");
        return JsonSerializer.Deserialize<T>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Seed file {fileName} is empty.");
    }

    private sealed record TaxonomySeed(List<SubjectCategoryDto> Categories);
}

public sealed record KnownCodes(HashSet<string> Languages, HashSet<string> Subjects, HashSet<string> Boards);

public sealed record BoardDto(string Code, string Name, string? State);

public sealed record LanguageDto(string Code, string EnglishName, string NativeName, bool Scheduled);

public sealed record SubjectDto(string Slug, string Name);

public sealed record SubjectCategoryDto(string Slug, string Name, List<SubjectDto> Subjects);
