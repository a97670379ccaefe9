using System.Text.Json;
using Gurukul.Features.Reference;

namespace Gurukul.Bench.Generate;

/// <summary>
/// The reference data the app ships (its own embedded seed files), so the generator uses exactly the subject slugs,
/// language codes and board codes the database holds, and the catalogs can be checked against them.
/// </summary>
public sealed class ReferenceSeed
{
    private readonly Dictionary<string, (string Name, string Category)> _subjects = [];

    public ReferenceSeed()
    {
        foreach (var category in Read<TaxonomySeed>("subjects.json").Categories)
        {
            foreach (var subject in category.Subjects)
            {
                _subjects[subject.Slug] = (subject.Name, category.Slug);
            }
        }

        LanguageNames = Read<List<LanguageDto>>("languages.json").ToDictionary(l => l.Code, l => l.EnglishName, StringComparer.Ordinal);
        Boards = Read<List<BoardDto>>("boards.json").Select(b => b.Code).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> LanguageNames { get; }

    public IReadOnlySet<string> Boards { get; }

    public bool IsSubject(string slug) => _subjects.ContainsKey(slug);

    public string Category(string slug) => _subjects[slug].Category;

    /// <summary>The name as a person would write it in a sentence: "Mathematics (School)" reads "Mathematics".</summary>
    public string Prose(string slug) => _subjects[slug].Name.Replace(" (School)", "", StringComparison.Ordinal);

    private static T Read<T>(string file)
    {
        using var stream = typeof(ReferenceService).Assembly.GetManifestResourceStream("seed/" + file)
            ?? throw new InvalidOperationException($"The app's seed file {file} is not embedded.");
        return JsonSerializer.Deserialize<T>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"The app's seed file {file} is empty.");
    }

    private sealed record TaxonomySeed(List<SubjectCategoryDto> Categories);
}
